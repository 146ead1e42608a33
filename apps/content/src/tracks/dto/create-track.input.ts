import { Field, InputType } from '@nestjs/graphql';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '@tend/graphql';
import { TagList } from '../../lessons/dto/tag-list.transform';

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

  @Field(() => String, { nullable: true, description: 'BCP 47 locale the lessons are written in (default en)' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  defaultLocale?: string | null;

  @Field(() => [String], { nullable: true, description: 'Competencies such as empathy or ownership' })
  @TagList()
  tags?: string[] | null;
}
