import { FileProblem } from '@tend/graphql';
import { jsonPath, Locator, TrackFile } from './track-file';
import { parseYaml } from './source-lines';

/** The name problems in a JSON track file are reported under. */
export const JSON_FILE_NAME = 'track.json';

/** The parsed file and where its parts are, or why it is not JSON at all. */
export function readJsonTrackFile(text: string): { data: unknown; locate: Locator } | FileProblem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return [{ file: JSON_FILE_NAME, line: syntaxErrorLine(text, error), message: `is not JSON: ${messageOf(error)}` }];
  }
  // JSON is YAML too: YAML's parser knows on which line each value sits, which JSON.parse does not say.
  // Only a file with problems is parsed twice.
  let lines: ReturnType<typeof parseYaml> | undefined;
  return {
    data,
    locate: (path) => {
      lines ??= parseYaml(text);
      return { file: JSON_FILE_NAME, line: lines.lineOf(path), path: jsonPath(path) };
    },
  };
}

/** Two-space indented, the way the starter library is written. */
export function writeJsonTrackFile(file: TrackFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

function syntaxErrorLine(text: string, error: unknown): number | undefined {
  const position = /position (\d+)/.exec(messageOf(error))?.[1];
  if (position !== undefined) return text.slice(0, Number(position)).split('\n').length;
  return parseYaml(text).errors[0]?.line;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
