import { DateTime } from 'luxon';

/** The calendar date (YYYY-MM-DD) that `instant` falls on in `zone`. */
export function localDate(instant: Date, zone: string): string {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw new Error(`cannot read a local date in time zone ${zone}: ${local.invalidReason}`);
  return local.toFormat('yyyy-MM-dd');
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (not 2027-02-30, not 20270101). */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}
