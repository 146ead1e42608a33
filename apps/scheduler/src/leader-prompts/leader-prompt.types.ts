import { Field, Float, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LocalDateScalar } from '@tend/graphql';
import { LessonReference, PersonReference } from '../deliveries/federated-references';

export enum OpenerKind {
  HUDDLE = 'HUDDLE',
  ONE_ON_ONE = 'ONE_ON_ONE',
  /** Every few weeks: about where the person wants to grow, not about this week's lessons. */
  CAREER = 'CAREER',
}
registerEnumType(OpenerKind, { name: 'OpenerKind' });

export enum PromptResponseKind {
  DONE = 'DONE',
  SKIPPED = 'SKIPPED',
}

/** What the planner stores on a LEADER_PROMPT delivery: the week as it was when the prompt was sent. */
export interface StoredLeaderPrompt {
  /** 1 for the enrollment's first prompt to this leader. */
  week: number;
  from: string;
  to: string;
  themes: { lessonId: string; title: string; question: string | null; listenFor: string | null }[];
  team: {
    personId: string;
    lessonsReceived: number;
    lessonsCompleted: number;
    started: boolean;
    missedWorkdaysInARow: number;
  }[];
  mostMissed: { lessonId: string; question: string | null; missed: number; answered: number } | null;
  opener: { kind: OpenerKind; text: string };
  previousNote: { note: string; date: string } | null;
}

@ObjectType({ description: "One lesson the team met this week, with the leader's question about it" })
export class PromptTheme {
  @Field(() => LessonReference)
  lesson!: LessonReference;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true, description: 'The question to ask the team' })
  question!: string | null;

  @Field(() => String, { nullable: true, description: 'What to listen for in their answers' })
  listenFor!: string | null;
}

@ObjectType({ description: "One of the leader's direct reports in the cohort, this week" })
export class TeamMemberWeek {
  @Field(() => PersonReference)
  person!: PersonReference;

  @Field(() => Int)
  lessonsReceived!: number;

  @Field(() => Int)
  lessonsCompleted!: number;

  @Field({ description: 'False while the person has completed no lesson of the track' })
  started!: boolean;

  @Field(() => Int, {
    description: 'Lessons left undone in a row up to this week; from 3 on they come to the leader instead of reminders',
  })
  missedWorkdaysInARow!: number;

  @Field({ description: 'Three or more missed workdays in a row' })
  behind!: boolean;
}

@ObjectType({ description: 'The question the team missed most this week, without saying who missed it' })
export class MissedQuestion {
  @Field(() => LessonReference)
  lesson!: LessonReference;

  @Field(() => String, { nullable: true })
  question!: string | null;

  @Field(() => Int)
  missed!: number;

  @Field(() => Int)
  answered!: number;

  @Field(() => Float, { description: 'missed / answered' })
  share!: number;
}

@ObjectType({ description: 'A suggested first sentence for a huddle or a 1:1' })
export class ConversationOpener {
  @Field(() => OpenerKind)
  kind!: OpenerKind;

  @Field()
  text!: string;
}

@ObjectType({ description: 'What the leader wrote on an earlier prompt, brought back' })
export class PreviousPromptNote {
  @Field()
  note!: string;

  @Field(() => LocalDateScalar, { description: "The earlier prompt's date" })
  date!: string;
}

@ObjectType({ description: "The leader's answer to a prompt" })
export class PromptResponse {
  @Field({ description: 'True when the conversation happened, false when the leader skipped it' })
  done!: boolean;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => GraphQLISODateTime)
  respondedAt!: Date;
}

@ObjectType({ description: "A leader's weekly prompt: the week's themes, the team, and a way to start" })
export class LeaderPrompt {
  @Field(() => Int, { description: 'The how-manieth prompt of this enrollment for this leader' })
  week!: number;

  @Field(() => GraphQLISODateTime)
  from!: Date;

  @Field(() => GraphQLISODateTime)
  to!: Date;

  @Field(() => [PromptTheme])
  themes!: PromptTheme[];

  @Field(() => [TeamMemberWeek])
  team!: TeamMemberWeek[];

  @Field(() => [PersonReference], { description: 'Team members who have not completed any lesson yet' })
  notStarted!: PersonReference[];

  @Field(() => MissedQuestion, { nullable: true })
  mostMissedQuestion!: MissedQuestion | null;

  @Field(() => ConversationOpener)
  opener!: ConversationOpener;

  @Field(() => PreviousPromptNote, { nullable: true })
  previousNote!: PreviousPromptNote | null;

  /** Whose prompt it is, for the fields read live rather than from the snapshot (`team/`). */
  leader?: { organizationId: string; personId: string };
}

/** The GraphQL view of what the planner stored; its lessons read in the leader's locale. */
export function toLeaderPrompt(stored: StoredLeaderPrompt, readerLocale: string | null): LeaderPrompt {
  return {
    week: stored.week,
    from: new Date(stored.from),
    to: new Date(stored.to),
    themes: stored.themes.map((theme) => ({
      lesson: { id: theme.lessonId, readerLocale },
      title: theme.title,
      question: theme.question,
      listenFor: theme.listenFor,
    })),
    team: stored.team.map((member) => ({
      person: { id: member.personId },
      lessonsReceived: member.lessonsReceived,
      lessonsCompleted: member.lessonsCompleted,
      started: member.started,
      missedWorkdaysInARow: member.missedWorkdaysInARow,
      behind: member.missedWorkdaysInARow >= MISSED_DAYS_FOR_LEADER,
    })),
    notStarted: stored.team.filter((member) => !member.started).map((member) => ({ id: member.personId })),
    mostMissedQuestion: stored.mostMissed && {
      lesson: { id: stored.mostMissed.lessonId, readerLocale },
      question: stored.mostMissed.question,
      missed: stored.mostMissed.missed,
      answered: stored.mostMissed.answered,
      share: stored.mostMissed.missed / stored.mostMissed.answered,
    },
    opener: stored.opener,
    previousNote: stored.previousNote,
  };
}

/** From this many missed workdays in a row, the leader hears of it instead of the learner getting more reminders. */
export const MISSED_DAYS_FOR_LEADER = 3;
