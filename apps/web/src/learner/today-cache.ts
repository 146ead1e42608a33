import type { LearnerTodayQuery } from '../graphql/generated/graphql';

const TODAY_KEY = 'tend.today';

/** The last `today` the API sent, so today's lesson stays readable offline. */
export function keepToday(today: LearnerTodayQuery): void {
  localStorage.setItem(TODAY_KEY, JSON.stringify(today));
}

export function cachedToday(): LearnerTodayQuery | null {
  try {
    return JSON.parse(localStorage.getItem(TODAY_KEY) ?? 'null') as LearnerTodayQuery | null;
  } catch {
    return null;
  }
}

export function forgetToday(): void {
  localStorage.removeItem(TODAY_KEY);
}
