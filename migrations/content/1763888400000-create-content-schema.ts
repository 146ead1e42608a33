import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateContentSchema1763888400000 implements MigrationInterface {
  name = 'CreateContentSchema1763888400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE content.tracks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        title text NOT NULL,
        summary text,
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
        version int NOT NULL DEFAULT 1,
        tags text[] NOT NULL DEFAULT '{}',
        published_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX tracks_organization_id_idx ON content.tracks (organization_id);
      CREATE INDEX tracks_page_idx ON content.tracks (organization_id, created_at, id);

      CREATE TABLE content.lessons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        track_id uuid NOT NULL REFERENCES content.tracks (id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position >= 1),
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('READ', 'SCENARIO', 'QUIZ', 'REFLECTION')),
        body text NOT NULL,
        minutes int NOT NULL CHECK (minutes BETWEEN 1 AND 10),
        leader_prompt text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (track_id, position)
      );
      CREATE INDEX lessons_organization_id_idx ON content.lessons (organization_id);

      CREATE TABLE content.questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        lesson_id uuid NOT NULL REFERENCES content.lessons (id) ON DELETE CASCADE,
        position int NOT NULL,
        prompt text NOT NULL,
        choices text[] NOT NULL CHECK (cardinality(choices) BETWEEN 2 AND 6),
        correct_index int NOT NULL CHECK (correct_index >= 0 AND correct_index < cardinality(choices)),
        explanation text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (lesson_id, position)
      );
      CREATE INDEX questions_organization_id_idx ON content.questions (organization_id);

      CREATE TABLE content.review_cards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        lesson_id uuid NOT NULL REFERENCES content.lessons (id) ON DELETE CASCADE,
        position int NOT NULL,
        front text NOT NULL,
        back text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (lesson_id, position)
      );
      CREATE INDEX review_cards_organization_id_idx ON content.review_cards (organization_id);

      CREATE TABLE content.outbox (
        sequence bigserial UNIQUE,
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        published_at timestamptz
      );
      CREATE INDEX outbox_unpublished_idx ON content.outbox (sequence) WHERE published_at IS NULL;
      CREATE INDEX outbox_organization_id_idx ON content.outbox (organization_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE content.outbox;
      DROP TABLE content.review_cards;
      DROP TABLE content.questions;
      DROP TABLE content.lessons;
      DROP TABLE content.tracks;
    `);
  }
}
