/** A value of a CSV cell: text is quoted and defused as needed, a number written as it is, null left empty. */
export type CsvValue = string | number | null;

/**
 * A whole CSV document (RFC 4180): a header row, then one line per row, each line ended by CRLF.
 * Every report's CSV goes through here, so each one quotes and defuses alike.
 */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: CsvValue): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : csvField(value);
}

/**
 * Quotes a field that could break the CSV, and defuses one a spreadsheet would run as a formula
 * (a leading `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
