import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonTrackFile, writeJsonTrackFile } from './json-form';
import { readMarkdownBundle, writeMarkdownBundle } from './markdown-form';
import { TrackFile } from './track-file';
import { checkTrackFile } from './track-file-check';

const LIBRARY = join(__dirname, '..', '..', 'starter-library');
const starterTracks = readdirSync(LIBRARY)
  .filter((file) => file.endsWith('.json'))
  .map((file): [string, string] => [file, readFileSync(join(LIBRARY, file), 'utf8')]);

function parsed(json: string): TrackFile {
  return JSON.parse(json) as TrackFile;
}

describe('track files', () => {
  it.each(starterTracks)('the starter library’s %s is a valid track file', (_file, json) => {
    const read = readJsonTrackFile(json);
    if (Array.isArray(read)) throw new Error(JSON.stringify(read));
    const plan = checkTrackFile(read.data, read.locate);
    expect(Array.isArray(plan) ? plan : []).toEqual([]);
  });

  it.each(starterTracks)('%s reads back the same from a Markdown bundle', (_file, json) => {
    const track = parsed(json);
    const read = readMarkdownBundle(writeMarkdownBundle(track));
    if (Array.isArray(read)) throw new Error(JSON.stringify(read));
    expect(read.data).toEqual(track);
  });

  it('keeps a body’s blank lines, trailing newline and --- rules in a bundle', () => {
    const track: TrackFile = {
      title: 'Edge cases',
      lessons: [
        { title: '---', kind: 'READ' as TrackFile['lessons'][number]['kind'], minutes: 1, body: 'a\n---\n\nb\n' },
      ],
    };
    const read = readMarkdownBundle(writeMarkdownBundle(track));
    if (Array.isArray(read)) throw new Error(JSON.stringify(read));
    expect(read.data).toEqual(track);
  });

  it('names the line and JSON path of a lesson that breaks a rule in a JSON file', () => {
    const track = parsed(starterTracks[0][1]);
    track.lessons[1].minutes = 11;
    const json = writeJsonTrackFile(track);
    const read = readJsonTrackFile(json);
    if (Array.isArray(read)) throw new Error(JSON.stringify(read));
    const problems = checkTrackFile(read.data, read.locate);
    const line = json.split('\n').findIndex((text) => text.includes('"minutes": 11')) + 1;
    expect(problems).toEqual([{ file: 'track.json', line, path: '$.lessons[1].minutes', message: 'must be <= 10' }]);
  });

  it('names the lesson file and line of a broken rule in a bundle', () => {
    const track = parsed(starterTracks[0][1]);
    const quiz = track.lessons.findIndex((lesson) => lesson.kind === 'QUIZ');
    const [question] = track.lessons[quiz].questions ?? [];
    question.correctIndex = 5;
    const files = writeMarkdownBundle(track);
    const read = readMarkdownBundle(files);
    if (Array.isArray(read)) throw new Error(JSON.stringify(read));
    const problems = checkTrackFile(read.data, read.locate);
    const file = files[quiz + 1];
    const line = file.content.split('\n').findIndex((text) => text.includes('correctIndex: 5')) + 1;
    expect(problems).toEqual([
      { file: file.path, line, path: '$.questions[0].correctIndex', message: 'must point at one of the choices' },
    ]);
  });

  it('refuses a value nested far deeper than any track without walking into it', () => {
    const json = `{"title": ${'['.repeat(200_000)}${']'.repeat(200_000)}, "lessons": []}`;
    const read = readJsonTrackFile(json);
    if (Array.isArray(read)) throw new Error(JSON.stringify(read));
    expect(checkTrackFile(read.data, read.locate)).toEqual([
      { file: 'track.json', line: 1, path: '$.title', message: 'must be string' },
    ]);
  });

  it('says where text Postgres cannot store sits', () => {
    const read = readJsonTrackFile(
      JSON.stringify({ title: 'T', lessons: [{ title: 'A\u0000', kind: 'READ', minutes: 1, body: 'B' }] }),
    );
    if (Array.isArray(read)) throw new Error(JSON.stringify(read));
    expect(checkTrackFile(read.data, read.locate)).toEqual([
      {
        file: 'track.json',
        line: 1,
        path: '$.lessons[0].title',
        message: 'must be text without NUL characters or broken Unicode',
      },
    ]);
  });

  it('refuses YAML aliases that would expand beyond reason', () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level++) {
      laughs.push(
        `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(', ')}]`,
      );
    }
    const problems = readMarkdownBundle([
      { path: 'track.yaml', content: `${laughs.join('\n')}\ntitle: T\nlessons: []\n` },
    ]);
    expect(problems).toEqual([{ file: 'track.yaml', message: expect.stringMatching(/alias/i) }]);
  });
});
