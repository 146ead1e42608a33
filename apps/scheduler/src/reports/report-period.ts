import { Int } from '@nestjs/graphql';
import { DateTime } from 'luxon';
import { badInput } from '@tend/graphql';
import { isoWeekOf } from '../pulse/pulse.service';

/** The `weeks` argument every report takes. */
export const REPORT_WEEKS = {
  type: () => Int,
  nullable: true,
  defaultValue: 4,
  description: '1 to 26, ending with this week',
};

/** A report's `weeks`, checked at the edge. */
export function reportWeeks(weeks: number | null): number {
  const count = weeks ?? 4;
  if (count < 1 || count > 26) throw badInput('weeks', 'must be between 1 and 26');
  return count;
}

/** The ISO weeks a report covers, oldest first, and its days, from the first week's Monday to today (UTC). */
export interface ReportPeriod {
  weeks: string[];
  /** YYYY-MM-DD. */
  from: string;
  /** YYYY-MM-DD. */
  to: string;
}

export function reportPeriod(now: Date, weeks: number): ReportPeriod {
  const today = DateTime.fromJSDate(now, { zone: 'UTC' }).startOf('day');
  const firstWeek = today.minus({ weeks: weeks - 1 }).startOf('week');
  return {
    weeks: Array.from({ length: weeks }, (_, index) =>
      isoWeekOf(firstWeek.plus({ weeks: index }).toISODate() as string),
    ),
    from: firstWeek.toISODate() as string,
    to: today.toISODate() as string,
  };
}

/** A share or an average as reports show it: two decimals. */
export function roundForReport(value: number): number {
  return Math.round(value * 100) / 100;
}
