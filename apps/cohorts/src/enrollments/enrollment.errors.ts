import { badInput, conflict, DomainError, notFound } from '@tend/graphql';

export const EnrollmentErrors = {
  /** Worded as content words it, so a track that is unknown, a draft or another tenant's looks the same everywhere. */
  trackNotFound: (trackId: string): DomainError => notFound('Track', trackId),
  startsOnNotADate: (): DomainError => badInput('startsOn', 'must be a calendar date written YYYY-MM-DD'),
  trackArchived: (): DomainError => conflict('The track is archived; it takes no new enrollments'),
  alreadyEnrolled: (): DomainError => conflict('The cohort is already enrolled in this track'),
};
