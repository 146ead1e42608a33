import { CAREER_EVERY_WEEKS, suggestOpener } from './conversation-openers';
import { OpenerKind } from './leader-prompt.types';

describe('the suggested opener of a weekly prompt', () => {
  const quietWeek = { mostMissedQuestion: null, needingAWord: 0 };

  it('turns to a career conversation every few weeks, whatever else the week held', () => {
    const kinds = Array.from(
      { length: 12 },
      (_, index) =>
        suggestOpener({ week: index + 1, mostMissedQuestion: 'Which reply names the feeling?', needingAWord: 2 }).kind,
    );
    expect(kinds.filter((kind) => kind === OpenerKind.CAREER)).toHaveLength(12 / CAREER_EVERY_WEEKS);
    expect(kinds[CAREER_EVERY_WEEKS - 1]).toBe(OpenerKind.CAREER);
  });

  it('asks about the question the team missed most before anything else', () => {
    const opener = suggestOpener({ week: 1, mostMissedQuestion: 'Which reply names the feeling?', needingAWord: 1 });
    expect(opener.kind).toBe(OpenerKind.HUDDLE);
    expect(opener.text).toContain('Which reply names the feeling?');
  });

  it('suggests a word one to one when someone fell behind and no question stood out', () => {
    expect(suggestOpener({ week: 2, mostMissedQuestion: null, needingAWord: 1 }).kind).toBe(OpenerKind.ONE_ON_ONE);
  });

  it('varies the huddle starter from week to week', () => {
    const texts = new Set([1, 2, 3].map((week) => suggestOpener({ week, ...quietWeek }).text));
    expect(texts.size).toBe(3);
  });
});
