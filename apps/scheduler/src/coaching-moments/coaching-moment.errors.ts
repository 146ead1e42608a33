import { badInput, DomainError, forbidden, notFound } from '@tend/graphql';

export const CoachingMomentErrors = {
  personNotFound: (id: string): DomainError => notFound('Person', id),
  notYourReport: (): DomainError =>
    forbidden('You can log coaching moments only for people who report to you, directly or not'),
  followUpNeedsRedirection: (): DomainError => badInput('input.assignFollowUp', 'a follow-up goes with a redirection'),
  followUpNeedsLesson: (): DomainError => badInput('input.relatedLessonId', 'name the lesson to follow up with'),
  lessonNotInTheirTracks: (): DomainError =>
    badInput('input.relatedLessonId', 'is not a lesson of a track this person is enrolled in'),
  followUpAlreadyPlanned: (): DomainError =>
    badInput('input.relatedLessonId', 'this lesson already reaches this person on their next workday'),
};
