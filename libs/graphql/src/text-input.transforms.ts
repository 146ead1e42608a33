import { Transform } from 'class-transformer';

/** Leading and trailing spaces never count: "  " is an empty title, " Acme " is "Acme". */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** For values compared without case, such as emails. */
export const TrimLowerCase = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
