import type { EntityManager } from 'typeorm';

/**
 * Copies one version's lessons, questions and review cards into another
 * version (of the same or another track), with new ids, in three statements.
 */
export async function copyLessons(
  manager: EntityManager,
  fromTrackId: string,
  fromVersion: number,
  toTrackId: string,
  toVersion: number,
): Promise<void> {
  const copied = `SELECT old.id AS old_id, new.id AS new_id FROM content.lessons old
    JOIN content.lessons new ON new.track_id = $3 AND new.version = $4 AND new.position = old.position
    WHERE old.track_id = $1 AND old.version = $2`;
  const params = [fromTrackId, fromVersion, toTrackId, toVersion];
  await manager.query(
    `INSERT INTO content.lessons
       (organization_id, track_id, version, position, title, kind, body, minutes, leader_prompt, leader_listen_for, tags)
     SELECT organization_id, $3, $4, position, title, kind, body, minutes, leader_prompt, leader_listen_for, tags
     FROM content.lessons WHERE track_id = $1 AND version = $2`,
    params,
  );
  await manager.query(
    `INSERT INTO content.questions
       (organization_id, lesson_id, position, prompt, choices, correct_index, explanation, choice_feedback)
     SELECT q.organization_id, c.new_id, q.position, q.prompt, q.choices, q.correct_index, q.explanation,
            q.choice_feedback
     FROM content.questions q JOIN (${copied}) c ON c.old_id = q.lesson_id`,
    params,
  );
  await manager.query(
    `INSERT INTO content.lesson_translations
       (organization_id, lesson_id, locale, title, body, questions, leader_prompt, leader_listen_for)
     SELECT t.organization_id, c.new_id, t.locale, t.title, t.body, t.questions, t.leader_prompt, t.leader_listen_for
     FROM content.lesson_translations t JOIN (${copied}) c ON c.old_id = t.lesson_id`,
    params,
  );
  await manager.query(
    `INSERT INTO content.review_cards (organization_id, lesson_id, position, front, back)
     SELECT r.organization_id, c.new_id, r.position, r.front, r.back
     FROM content.review_cards r JOIN (${copied}) c ON c.old_id = r.lesson_id`,
    params,
  );
}
