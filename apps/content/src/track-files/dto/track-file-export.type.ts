import { Field, ObjectType } from '@nestjs/graphql';
import { TrackFileFormat } from '../track-file';

@ObjectType({ description: 'One file of a Markdown bundle' })
export class TrackFileEntry {
  @Field()
  path!: string;

  @Field()
  content!: string;
}

@ObjectType({ description: 'A track as a portable file, answer keys included; `importTrack` reads it back' })
export class TrackFileExport {
  @Field(() => TrackFileFormat)
  format!: TrackFileFormat;

  @Field(() => String, { nullable: true, description: 'JSON: the file, valid against track-file.schema.json' })
  json!: string | null;

  @Field(() => [TrackFileEntry], { nullable: true, description: 'MARKDOWN_BUNDLE: track.yaml and one file per lesson' })
  files!: TrackFileEntry[] | null;
}
