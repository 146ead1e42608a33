import { conflict, DomainError, notFound } from '@tend/graphql';
import { TrackStatus } from './track.entity';

export const TrackErrors = {
  notFound: (id: string): DomainError => notFound('Track', id),
  notDraft: (status: TrackStatus): DomainError => conflict(`The track is ${status}; only a draft track can change`),
  empty: (): DomainError =>
    new DomainError('BAD_USER_INPUT', 'A track needs at least one lesson before it is published', 'id'),
};
