import { IANAZone } from 'luxon';

/** Longer than any zone in the tz database; keeps arbitrary strings away from Intl. */
const MAX_ZONE_LENGTH = 64;

/**
 * The zones found valid so far. Checking one builds an Intl formatter (over 100 µs), and an HRIS
 * export names a few dozen zones 50,000 times; the tz database is finite, so the set stays small
 * whatever arrives.
 */
const knownZones = new Set<string>();

/** Whether the tz database knows `zone`, so local times can be computed in it; a bare offset like `+01:00` is not one. */
export function isKnownZone(zone: unknown): zone is string {
  if (typeof zone !== 'string') return false;
  if (knownZones.has(zone)) return true;
  if (zone.length > MAX_ZONE_LENGTH || !IANAZone.isValidZone(zone)) return false;
  knownZones.add(zone);
  return true;
}
