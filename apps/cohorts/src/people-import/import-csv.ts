import { parse } from 'csv-parse/sync';
import { IMPORT_COLUMNS, ImportColumn, ImportRow } from './import-plan';
import { PeopleImportErrors } from './people-import.errors';

/**
 * The data rows of an HRIS export: a header row naming the columns (any
 * order, any case, `external id` or `external_id`), then one person a row.
 * A file that is not CSV at all, or whose header is unusable, is refused
 * whole; a bad row is refused on its own later.
 */
export function readImportCsv(csv: string): ImportRow[] {
  let records: { info: { lines: number }; record: string[] }[];
  try {
    // With `info`, each record comes with where it ends in the file; the typings do not follow the option.
    records = parse(csv, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw PeopleImportErrors.notCsv((error as Error).message);
  }
  const [header, ...data] = records;
  if (!header) throw PeopleImportErrors.noHeader();
  const columns = header.record.map((name) => name.toLowerCase().replace(/[\s-]+/g, '_') as ImportColumn);
  const unknown = columns.find((column) => !IMPORT_COLUMNS.includes(column));
  if (unknown !== undefined) throw PeopleImportErrors.unknownColumn(unknown);
  const repeated = columns.find((column, index) => columns.indexOf(column) !== index);
  if (repeated !== undefined) throw PeopleImportErrors.repeatedColumn(repeated);
  if (!columns.includes('email')) throw PeopleImportErrors.noEmailColumn();

  return data.map(({ info, record }) => {
    const cells: ImportRow['cells'] = {};
    columns.forEach((column, index) => {
      const value = record[index];
      if (value !== undefined && value !== '') cells[column] = value;
    });
    return { line: info.lines, cells, extraCells: Math.max(0, record.length - columns.length) };
  });
}
