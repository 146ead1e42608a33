import type { QuietHours } from './domain-events';

/**
 * Whether a local wall time (HH:mm) falls within quiet hours, which include
 * their start and end before their end: 21:00-07:00 holds 23:30 and 06:59,
 * not 07:00. Both the cohorts service (refusing a lesson time inside them)
 * and the scheduler (holding a delivery until they end) read them this way.
 */
export function withinQuietHours(localTime: string, quiet: QuietHours): boolean {
  if (quiet.start <= quiet.end) return localTime >= quiet.start && localTime < quiet.end;
  return localTime >= quiet.start || localTime < quiet.end;
}
