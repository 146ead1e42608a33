import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSchedulerSchema1763888400000 implements MigrationInterface {
  name = 'CreateSchedulerSchema1763888400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE scheduler.applied_events (
        event_id uuid PRIMARY KEY,
        type text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE scheduler.people (
        person_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN', 'LEADER', 'LEARNER')),
        timezone text NOT NULL,
        leader_id uuid,
        email text NOT NULL,
        channels text[] NOT NULL DEFAULT '{IN_APP}',
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX people_organization_id_idx ON scheduler.people (organization_id);
      CREATE INDEX people_leader_idx ON scheduler.people (organization_id, leader_id);

      CREATE TABLE scheduler.cohorts (
        cohort_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        timezone text NOT NULL,
        days_of_week int[] NOT NULL CHECK (cardinality(days_of_week) BETWEEN 1 AND 7 AND days_of_week <@ '{1,2,3,4,5,6,7}'),
        lesson_time text NOT NULL CHECK (lesson_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        prompt_day int NOT NULL CHECK (prompt_day BETWEEN 1 AND 7),
        prompt_time text NOT NULL CHECK (prompt_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX cohorts_organization_id_idx ON scheduler.cohorts (organization_id);

      CREATE TABLE scheduler.cohort_members (
        cohort_id uuid NOT NULL,
        person_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cohort_id, person_id)
      );
      CREATE INDEX cohort_members_organization_id_idx ON scheduler.cohort_members (organization_id);
      CREATE INDEX cohort_members_person_idx ON scheduler.cohort_members (person_id);

      CREATE TABLE scheduler.track_lessons (
        track_id uuid NOT NULL,
        version int NOT NULL,
        position int NOT NULL CHECK (position >= 1),
        lesson_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('READ', 'SCENARIO', 'QUIZ', 'REFLECTION')),
        minutes int NOT NULL,
        questions jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (track_id, version, position),
        UNIQUE (track_id, version, lesson_id)
      );
      CREATE INDEX track_lessons_organization_id_idx ON scheduler.track_lessons (organization_id);

      CREATE TABLE scheduler.enrollments (
        enrollment_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        cohort_id uuid NOT NULL,
        track_id uuid NOT NULL,
        track_version int NOT NULL,
        starts_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX enrollments_organization_id_idx ON scheduler.enrollments (organization_id);
      CREATE INDEX enrollments_cohort_idx ON scheduler.enrollments (cohort_id);
      CREATE INDEX enrollments_track_idx ON scheduler.enrollments (track_id, track_version);

      CREATE TABLE scheduler.learner_enrollments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        enrollment_id uuid NOT NULL REFERENCES scheduler.enrollments (enrollment_id) ON DELETE CASCADE,
        person_id uuid NOT NULL,
        next_position int NOT NULL DEFAULT 1 CHECK (next_position >= 1),
        next_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (enrollment_id, person_id)
      );
      CREATE INDEX learner_enrollments_organization_id_idx ON scheduler.learner_enrollments (organization_id);
      CREATE INDEX learner_enrollments_person_idx ON scheduler.learner_enrollments (person_id);
      CREATE INDEX learner_enrollments_due_idx ON scheduler.learner_enrollments (next_at) WHERE next_at IS NOT NULL;

      CREATE TABLE scheduler.deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        person_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('LESSON', 'REVIEW', 'LEADER_PROMPT')),
        lesson_id uuid,
        card_id uuid,
        enrollment_id uuid,
        local_date date NOT NULL,
        due_at timestamptz(3) NOT NULL,
        status text NOT NULL CHECK (status IN ('SCHEDULED', 'SENT', 'COMPLETED', 'EXPIRED', 'FAILED')),
        channel text NOT NULL CHECK (channel IN ('IN_APP', 'EMAIL')),
        prompt text,
        sent_at timestamptz,
        completed_at timestamptz,
        answers int[],
        reflection text,
        correct int,
        total int,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'LESSON' OR (lesson_id IS NOT NULL AND enrollment_id IS NOT NULL)),
        UNIQUE (person_id, kind, lesson_id, local_date)
      );
      CREATE INDEX deliveries_person_day_idx ON scheduler.deliveries (organization_id, person_id, local_date);
      CREATE INDEX deliveries_person_page_idx ON scheduler.deliveries (organization_id, person_id, due_at, id);
      CREATE INDEX deliveries_page_idx ON scheduler.deliveries (organization_id, due_at, id);
      CREATE INDEX deliveries_scheduled_idx ON scheduler.deliveries (due_at) WHERE status = 'SCHEDULED';
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE scheduler.deliveries;
      DROP TABLE scheduler.learner_enrollments;
      DROP TABLE scheduler.enrollments;
      DROP TABLE scheduler.track_lessons;
      DROP TABLE scheduler.cohort_members;
      DROP TABLE scheduler.cohorts;
      DROP TABLE scheduler.people;
      DROP TABLE scheduler.applied_events;
    `);
  }
}
