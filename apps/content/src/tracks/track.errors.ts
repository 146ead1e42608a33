import { badInput, conflict, DomainError, notFound } from '@tend/graphql';
import { TrackStatus } from './track.entity';

export const TrackErrors = {
  notFound: (id: string): DomainError => notFound('Track', id),
  versionNotFound: (version: number): DomainError => notFound('Track version', String(version)),
  notDraft: (status: TrackStatus): DomainError =>
    conflict(`The track is ${status} and has no draft version; reviseTrack opens one`),
  archived: (): DomainError => conflict('The track is ARCHIVED; it no longer changes'),
  draftOpen: (version: number): DomainError => conflict(`The track already has a draft version (${version})`),
  notPublished: (status: TrackStatus): DomainError =>
    conflict(`The track is ${status}; only a published track is archived`),
  empty: (): DomainError =>
    new DomainError('BAD_USER_INPUT', 'A track needs at least one lesson before it is published', 'id'),
  sameVersion: (): DomainError => badInput('input.toVersion', 'must differ from fromVersion'),
  notAPublishedVersion: (field: string): DomainError => badInput(field, 'is not a published version of this track'),
};
