import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsUUID, Max, Min } from 'class-validator';

@InputType()
export class MoveLessonInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'is not a Tend id' })
  lessonId!: string;

  @Field(() => Int, { description: 'Where the lesson goes, from 1; the lessons in between shift by one' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  position!: number;
}
