import Ajv2020, { ErrorObject } from 'ajv/dist/2020';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { canonicalLocaleOrRefuse, DomainError, FileProblem, firstIllFormedText, validationFailures } from '@tend/graphql';
import trackFileSchema from '../../track-file.schema.json';
import { AddLessonInput } from '../lessons/dto/add-lesson.input';
import { lessonRuleViolation } from '../lessons/lesson-rules';
import { CreateTrackInput } from '../tracks/dto/create-track.input';
import { LessonTranslationInput } from '../translations/dto/translate-lesson.input';
import { translationRuleViolation } from '../translations/translation.service';
import { LessonInFile, Locator, PathSegment, pathOfField, TrackFile } from './track-file';

const validateSchema = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile<TrackFile>(
  trackFileSchema,
);

/** What an import writes, once every rule `createTrack`, `addLesson` and `translateLesson` apply has passed. */
export interface ImportPlan {
  track: CreateTrackInput;
  lessons: { lesson: AddLessonInput; translations: { locale: string; translation: LessonTranslationInput }[] }[];
}

/**
 * Checks a parsed track file: its shape against the published JSON Schema,
 * then the very validators and lesson rules the mutations apply, so an import
 * accepts exactly what the API would. Says every problem it finds, each at
 * its place in the caller's files.
 */
export function checkTrackFile(data: unknown, locate: Locator): ImportPlan | FileProblem[] {
  const at = (path: PathSegment[], message: string): FileProblem => ({ ...locate(path), message });
  // The schema first: it never descends into what it refuses, so a value nested a million deep stops here.
  if (!validateSchema(data)) return (validateSchema.errors ?? []).map((error) => schemaProblem(error, at));
  const illFormed = firstIllFormedText(data);
  if (illFormed !== undefined) {
    return [at(pathOfField(illFormed), 'must be text without NUL characters or broken Unicode')];
  }

  const problems: FileProblem[] = [];
  const { lessons: lessonsInFile, ...details } = data;
  const track = validated(CreateTrackInput, details, [], at, problems);
  let defaultLocale = 'en';
  try {
    defaultLocale = canonicalLocaleOrRefuse(data.defaultLocale ?? 'en', 'defaultLocale');
  } catch (error) {
    problems.push(fromDomainError(error, at));
  }
  const lessons = lessonsInFile.map((lessonInFile, index) =>
    checkLesson(lessonInFile, index, defaultLocale, at, problems),
  );
  if (problems.length > 0 || !track) return problems;
  return { track, lessons: lessons.filter((lesson) => lesson !== undefined) };
}

function checkLesson(
  { translations = [], ...fields }: LessonInFile,
  index: number,
  defaultLocale: string,
  at: (path: PathSegment[], message: string) => FileProblem,
  problems: FileProblem[],
): ImportPlan['lessons'][number] | undefined {
  const path = ['lessons', index];
  const lesson = validated(AddLessonInput, fields, path, at, problems);
  if (!lesson) return undefined;
  const violation = lessonRuleViolation(lesson, `lessons.${index}`);
  if (violation) {
    problems.push(fromDomainError(violation, at));
    return undefined;
  }
  const locales = new Set<string>();
  const checked: ImportPlan['lessons'][number]['translations'] = [];
  for (const [position, translationInFile] of translations.entries()) {
    const translationPath = [...path, 'translations', position];
    const translation = validated(LessonTranslationInput, translationInFile, translationPath, at, problems);
    if (!translation) continue;
    const broken = translationRuleViolation(
      lesson.questions ?? [],
      translation,
      defaultLocale,
      `lessons.${index}.translations.${position}`,
    );
    if (broken) {
      problems.push(fromDomainError(broken, at));
      continue;
    }
    const locale = canonicalLocaleOrRefuse(translation.locale, 'locale');
    if (locales.has(locale)) {
      problems.push(at([...translationPath, 'locale'], `the lesson has another translation to ${locale}`));
      continue;
    }
    locales.add(locale);
    checked.push({ locale, translation });
  }
  return { lesson, translations: checked };
}

/** The input class as the edge would hand it to a service (trimmed, tags in lower case), or its problems. */
function validated<T extends object>(
  type: new () => T,
  plain: object,
  path: PathSegment[],
  at: (path: PathSegment[], message: string) => FileProblem,
  problems: FileProblem[],
): T | undefined {
  const instance = plainToInstance(type, plain);
  const failures = validationFailures(validateSync(instance, { forbidUnknownValues: false, stopAtFirstError: true }));
  for (const [field, message] of failures) problems.push(at([...path, ...pathOfField(field)], message));
  return failures.length === 0 ? instance : undefined;
}

function fromDomainError(error: unknown, at: (path: PathSegment[], message: string) => FileProblem): FileProblem {
  if (!(error instanceof DomainError)) throw error;
  return at(pathOfField(error.field ?? ''), error.message);
}

function schemaProblem(error: ErrorObject, at: (path: PathSegment[], message: string) => FileProblem): FileProblem {
  const path: PathSegment[] = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  switch (error.keyword) {
    case 'additionalProperties':
      return at([...path, String(error.params.additionalProperty)], 'is not a field of a track file');
    case 'required':
      return at(path, `needs ${String(error.params.missingProperty)}`);
    case 'enum':
      return at(path, `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`);
    default:
      return at(path, error.message ?? 'is invalid');
  }
}
