import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { TrackFileFormat } from '../track-file';

@InputType({ description: 'One file of a Markdown bundle, its path relative to the bundle’s folder' })
export class TrackFileEntryInput {
  @Field({ description: 'Such as track.yaml or lessons/01-feelings-first.md' })
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(300)
  path!: string;

  @Field()
  @IsString()
  @MaxLength(200_000)
  content!: string;
}

@InputType({ description: 'A portable track file; importing it creates a DRAFT track' })
export class ImportTrackInput {
  @Field(() => TrackFileFormat)
  @IsEnum(TrackFileFormat)
  format!: TrackFileFormat;

  @Field(() => String, { nullable: true, description: 'JSON: the file, valid against track-file.schema.json' })
  @IsOptional()
  @IsString()
  @MaxLength(4_000_000)
  json?: string | null;

  @Field(() => [TrackFileEntryInput], { nullable: true, description: 'MARKDOWN_BUNDLE: track.yaml and the lessons' })
  @IsOptional()
  @ArrayMaxSize(250)
  @ValidateNested({ each: true })
  @Type(() => TrackFileEntryInput)
  files?: TrackFileEntryInput[] | null;
}
