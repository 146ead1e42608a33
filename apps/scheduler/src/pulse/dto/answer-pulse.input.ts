import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Trim } from '@tend/graphql';

@InputType()
export class AnswerPulseInput {
  @Field(() => Int, { description: '1 (not at all) to 5 (very much)' })
  @IsInt()
  @Min(1)
  @Max(5)
  score!: number;

  @Field(() => String, { nullable: true, description: 'Optional; shown to leaders and admins only with four others' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  comment?: string | null;
}
