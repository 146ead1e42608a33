import { OpenerKind } from './leader-prompt.types';

/** Every this many weeks the opener turns to the person's growth instead of the week's lessons. */
export const CAREER_EVERY_WEEKS = 4;

const HUDDLE_OPENERS = [
  'Start the huddle with a customer moment from this week that went better than expected. What made the difference?',
  'Ask the team which of this week’s lessons they have already tried with a customer, and what happened.',
  'Share one moment this week when you got it wrong with a customer or a colleague, and what you did next. Then ask for theirs.',
  'Ask: “What got in the way of serving a customer well this week?” Listen to the end before answering.',
];

const CAREER_OPENERS = [
  'In a 1:1 this week, ask: “What part of your work would you like to be known for a year from now?”',
  'In a 1:1 this week, ask: “Which skill would make the biggest difference to you right now, and how could I help you practise it?”',
  'In a 1:1 this week, ask: “What have you done lately that you are proud of, that I might have missed?”',
];

export interface WeekFacts {
  /** 1 for the first prompt. */
  week: number;
  /** The text of the question most of the team missed, when there was one. */
  mostMissedQuestion: string | null;
  /** Team members three or more missed workdays in a row behind, or not started at all. */
  needingAWord: number;
}

/**
 * One suggested opener for the week: the career conversation on its turn;
 * else the question the team missed, talked through together; else a word
 * with those who fell behind; else a rotating huddle starter.
 */
export function suggestOpener(facts: WeekFacts): { kind: OpenerKind; text: string } {
  if (facts.week % CAREER_EVERY_WEEKS === 0) {
    return { kind: OpenerKind.CAREER, text: pick(CAREER_OPENERS, facts.week / CAREER_EVERY_WEEKS - 1) };
  }
  if (facts.mostMissedQuestion) {
    return {
      kind: OpenerKind.HUDDLE,
      text: `Open the huddle with the question most of the team found hard: “${facts.mostMissedQuestion}” Ask someone to explain the choice they made before you share the answer.`,
    };
  }
  if (facts.needingAWord > 0) {
    return {
      kind: OpenerKind.ONE_ON_ONE,
      text: 'Have a short word with each person who has not kept up: ask what gets in the way of the two minutes a day, and agree on a time that works for them.',
    };
  }
  return { kind: OpenerKind.HUDDLE, text: pick(HUDDLE_OPENERS, facts.week - 1) };
}

function pick(openers: readonly string[], turn: number): string {
  return openers[((turn % openers.length) + openers.length) % openers.length];
}
