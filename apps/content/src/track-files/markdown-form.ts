import { FileProblem } from '@tend/graphql';
import { stringify } from 'yaml';
import { jsonPath, LessonInFile, Locator, PathSegment, TrackFile } from './track-file';
import { parseYaml, SourceLines } from './source-lines';

/** The bundle's table of contents: the track's fields, and its lesson files in order. */
export const TRACK_FILE_NAME = 'track.yaml';

export interface BundleFile {
  path: string;
  content: string;
}

const FENCE = /^---[ \t]*\r?$/;

/**
 * Reads a bundle: `track.yaml` (title, summary, tags, defaultLocale, and
 * `lessons`, the lesson files in order) and one Markdown file per lesson whose
 * YAML front matter holds everything but the body. Gives the track in the
 * JSON form's shape, with a locator that turns a path in that shape back into
 * a file and a line, or the problems that stop it from being read at all.
 */
export function readMarkdownBundle(files: BundleFile[]): { data: unknown; locate: Locator } | FileProblem[] {
  const problems: FileProblem[] = [];
  const byPath = new Map<string, BundleFile>();
  for (const file of files) {
    const path = normalPath(file.path);
    if (byPath.has(path)) problems.push({ file: file.path, message: 'the bundle has another file at this path' });
    byPath.set(path, file);
  }
  const trackFile = byPath.get(TRACK_FILE_NAME);
  if (!trackFile)
    return [{ file: TRACK_FILE_NAME, message: 'a bundle needs a track.yaml with the track and its lessons' }];

  const track = parseYaml(trackFile.content);
  for (const error of track.errors) problems.push({ file: TRACK_FILE_NAME, line: error.line, message: error.message });
  if (track.errors.length > 0) return problems;
  const trackAt = (path: PathSegment[], message: string): FileProblem => ({
    file: TRACK_FILE_NAME,
    line: track.lineOf(path),
    path: jsonPath(path),
    message,
  });
  if (!isObject(track.value)) return [trackAt([], 'must be a mapping with title and lessons')];
  const listed = track.value.lessons ?? [];
  if (!Array.isArray(listed) || !listed.every((item) => typeof item === 'string')) {
    return [trackAt(['lessons'], 'must list the lesson files, in order')];
  }

  const lessons: { file: string; frontMatter: SourceLines; bodyLine: number; value: unknown }[] = [];
  const seen = new Set<string>();
  for (const [index, listedPath] of listed.entries()) {
    const path = normalPath(listedPath);
    const file = byPath.get(path);
    if (!file) {
      problems.push(trackAt(['lessons', index], `${listedPath} is not in the bundle`));
      continue;
    }
    if (seen.has(path)) {
      problems.push(trackAt(['lessons', index], `${listedPath} is listed twice`));
      continue;
    }
    seen.add(path);
    const lesson = readLessonFile(file, problems);
    if (lesson) lessons.push(lesson);
  }
  for (const [path, file] of byPath) {
    if (path !== TRACK_FILE_NAME && !seen.has(path)) {
      problems.push({ file: file.path, message: 'is not listed in the lessons of track.yaml' });
    }
  }
  if (problems.length > 0) return problems;

  const data = { ...track.value, lessons: lessons.map((lesson) => lesson.value) };
  const locate: Locator = (path) => {
    if (path[0] !== 'lessons' || typeof path[1] !== 'number' || !lessons[path[1]]) {
      return { file: TRACK_FILE_NAME, line: track.lineOf(path), path: jsonPath(path) };
    }
    const lesson = lessons[path[1]];
    const inLesson = path.slice(2);
    const line = inLesson[0] === 'body' ? lesson.bodyLine : lesson.frontMatter.lineOf(inLesson);
    return { file: lesson.file, line, path: jsonPath(inLesson) };
  };
  return { data, locate };
}

/** Front matter between `---` lines, then the body; lines in problems count from the file's first line. */
function readLessonFile(
  file: BundleFile,
  problems: FileProblem[],
): { file: string; frontMatter: SourceLines; bodyLine: number; value: unknown } | undefined {
  const lines = file.content.split('\n');
  const closing = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (!FENCE.test(lines[0] ?? '') || closing < 0) {
    problems.push({ file: file.path, line: 1, message: 'starts with YAML front matter between two --- lines' });
    return undefined;
  }
  const frontMatter = parseYaml(lines.slice(1, closing).join('\n'));
  const shifted: SourceLines = {
    lineOf: (path) => {
      const line = frontMatter.lineOf(path);
      return line === undefined ? undefined : line + 1;
    },
  };
  for (const error of frontMatter.errors) {
    problems.push({
      file: file.path,
      line: error.line === undefined ? undefined : error.line + 1,
      message: error.message,
    });
  }
  if (frontMatter.errors.length > 0) return undefined;
  const fields = frontMatter.value ?? {};
  if (!isObject(fields)) {
    problems.push({ file: file.path, line: 2, message: 'the front matter must be a mapping of the lesson’s fields' });
    return undefined;
  }
  if ('body' in fields) {
    problems.push({
      file: file.path,
      line: shifted.lineOf(['body']),
      path: '$.body',
      message: 'the body is the Markdown after the front matter, not a field',
    });
    return undefined;
  }
  // The one newline that ends the file is the file's, not the body's.
  const body = lines
    .slice(closing + 1)
    .join('\n')
    .replace(/\r?\n$/, '');
  return { file: file.path, frontMatter: shifted, bodyLine: closing + 2, value: { ...fields, body } };
}

/** The bundle an author keeps in git: track.yaml, and lessons/NN-title.md in order. */
export function writeMarkdownBundle(track: TrackFile): BundleFile[] {
  const digits = Math.max(2, String(track.lessons.length).length);
  const lessonFiles = track.lessons.map((lesson, index) => ({
    path: `lessons/${String(index + 1).padStart(digits, '0')}-${slug(lesson.title)}.md`,
    content: lessonFileContent(lesson),
  }));
  return [
    { path: TRACK_FILE_NAME, content: toYaml({ ...track, lessons: lessonFiles.map((file) => file.path) }) },
    ...lessonFiles,
  ];
}

function lessonFileContent({ body, ...fields }: LessonInFile): string {
  return `---\n${toYaml(fields)}---\n${body}\n`;
}

function toYaml(value: object): string {
  // No folding of long lines: a changed sentence then shows in git as one changed line.
  return stringify(value, { lineWidth: 0 });
}

/** A file name from a title: `Feelings arrive before facts` → `feelings-arrive-before-facts`. */
function slug(title: string): string {
  const words = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return words || 'lesson';
}

function normalPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
