import { DomainError, FileProblem } from '@tend/graphql';

/** More problems than this in one file say little more than the first ones. */
const MAX_PROBLEMS = 50;

export const TrackFileErrors = {
  /** The file (or bundle) at `field` cannot be imported; nothing was written. */
  invalid: (field: string, problems: FileProblem[]): DomainError =>
    new DomainError(
      'BAD_USER_INPUT',
      `${field}: the track file has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing was imported`,
      field,
      problems.slice(0, MAX_PROBLEMS),
    ),
  missing: (field: string, format: string): DomainError =>
    new DomainError('BAD_USER_INPUT', `${field}: a ${format} import sends the track here`, field),
  both: (): DomainError =>
    new DomainError('BAD_USER_INPUT', 'input: send either json or files, as the format says', 'input'),
};
