import { Lesson } from './lesson.entity';
import { LessonTranslation } from './lesson-translation.entity';

/** The lesson as it reads in a translation; its questions follow through `viewLocale`. */
export function inLocale(lesson: Lesson, translation: LessonTranslation): Lesson {
  return Object.assign(new Lesson(), lesson, {
    title: translation.title,
    body: translation.body,
    leaderPrompt: translation.leaderPrompt ?? lesson.leaderPrompt,
    leaderListenFor: translation.leaderListenFor ?? lesson.leaderListenFor,
    viewLocale: translation.locale,
  });
}
