import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsUUID, Max, Min } from 'class-validator';

@InputType()
export class MigrateEnrollmentsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'is not a Tend id' })
  trackId!: string;

  @Field(() => Int, { description: 'The published version the enrollments are on now' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  fromVersion!: number;

  @Field(() => Int, { description: 'The published version their next lessons come from' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  toVersion!: number;
}
