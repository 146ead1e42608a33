import { registerEnumType } from '@nestjs/graphql';
import { LessonKind } from '../lessons/lesson.entity';

export enum TrackFileFormat {
  /** One JSON document that validates against apps/content/track-file.schema.json. */
  JSON = 'JSON',
  /** A folder an author keeps in git: track.yaml and one Markdown file per lesson, with YAML front matter. */
  MARKDOWN_BUNDLE = 'MARKDOWN_BUNDLE',
}
registerEnumType(TrackFileFormat, { name: 'TrackFileFormat' });

export interface ChoiceFeedbackInFile {
  explanation: string;
  consequence?: string;
}

export interface QuestionInFile {
  prompt: string;
  choices: string[];
  correctIndex: number;
  explanation?: string;
  choiceFeedback?: ChoiceFeedbackInFile[];
}

export interface TranslationInFile {
  locale: string;
  title: string;
  body: string;
  questions?: { prompt: string; choices: string[]; choiceFeedback?: ChoiceFeedbackInFile[] }[];
  leaderPrompt?: string;
  leaderListenFor?: string;
}

export interface LessonInFile {
  title: string;
  kind: LessonKind;
  minutes: number;
  body: string;
  tags?: string[];
  questions?: QuestionInFile[];
  reviewCards?: { front: string; back: string }[];
  leaderPrompt?: string;
  leaderListenFor?: string;
  translations?: TranslationInFile[];
}

/** A track as apps/content/track-file.schema.json describes it; the starter library is written in it. */
export interface TrackFile {
  title: string;
  summary?: string;
  tags?: string[];
  defaultLocale?: string;
  lessons: LessonInFile[];
}

/** A step into a parsed file: a property name or an array index. */
export type PathSegment = string | number;

/** Where a path into the track, as the JSON form lays it out, sits in the files the caller sent. */
export type Locator = (path: PathSegment[]) => { file: string; line?: number; path: string };

/** `$.lessons[2].minutes`, the JSONPath of a place in a file. */
export function jsonPath(path: PathSegment[]): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === 'number'
        ? `${text}[${segment}]`
        : /^[A-Za-z_$][\w$]*$/.test(segment)
          ? `${text}.${segment}`
          : `${text}[${JSON.stringify(segment)}]`,
    '$',
  );
}

/** `lessons.2.minutes`, as class-validator and the lesson rules name a field, back into steps. */
export function pathOfField(field: string): PathSegment[] {
  return field
    .split('.')
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
