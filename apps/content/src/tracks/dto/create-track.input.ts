import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '@tend/graphql';

@InputType()
export class CreateTrackInput {
  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(200)
  title!: string;

  @Field(() => String, { nullable: true })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  summary?: string | null;

  @Field(() => [String], { nullable: true, description: 'Competencies such as empathy or ownership' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((tag) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag)) : value,
  )
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'tags must not be empty' })
  @MaxLength(40, { each: true })
  tags?: string[] | null;
}
