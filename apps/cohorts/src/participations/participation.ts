import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Where one person stands in one enrollment of their cohort. */
export enum ParticipationStatus {
  ACTIVE = 'ACTIVE',
  /** On leave or holiday: nothing is sent, and the track continues where it stopped on resume. */
  PAUSED = 'PAUSED',
  /** Out of this track; ACTIVE again re-enrolls them from the first lesson. */
  DROPPED = 'DROPPED',
  /** Marked done by an admin; ACTIVE again re-enrolls them from the first lesson. */
  COMPLETED = 'COMPLETED',
}
registerEnumType(ParticipationStatus, { name: 'ParticipationStatus' });

@ObjectType({ description: 'One person’s standing in one enrollment' })
export class Participation {
  @Field(() => ID)
  enrollmentId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => ParticipationStatus)
  status!: ParticipationStatus;
}
