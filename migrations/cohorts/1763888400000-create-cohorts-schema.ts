import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCohortsSchema1763888400000 implements MigrationInterface {
  name = 'CreateCohortsSchema1763888400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cohorts.organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE cohorts.teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        name text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT teams_organization_id_name_key UNIQUE (organization_id, name)
      );
      CREATE INDEX teams_organization_id_idx ON cohorts.teams (organization_id);

      CREATE TABLE cohorts.people (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        email text NOT NULL CHECK (email = lower(email)),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN', 'LEADER', 'LEARNER')),
        timezone text NOT NULL,
        leader_id uuid REFERENCES cohorts.people (id),
        team_id uuid REFERENCES cohorts.teams (id),
        channels text[] NOT NULL DEFAULT '{IN_APP}'
          CHECK (channels <@ '{IN_APP,EMAIL}' AND 'IN_APP' = ANY (channels)),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT people_organization_id_email_key UNIQUE (organization_id, email)
      );
      CREATE INDEX people_organization_id_idx ON cohorts.people (organization_id);
      CREATE INDEX people_page_idx ON cohorts.people (organization_id, created_at, id);
      CREATE INDEX people_leader_idx ON cohorts.people (organization_id, leader_id);

      CREATE TABLE cohorts.cohorts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        name text NOT NULL,
        timezone text NOT NULL,
        days_of_week int[] NOT NULL
          CHECK (cardinality(days_of_week) BETWEEN 1 AND 7 AND days_of_week <@ '{1,2,3,4,5,6,7}'),
        lesson_time text NOT NULL CHECK (lesson_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        prompt_day int NOT NULL CHECK (prompt_day BETWEEN 1 AND 7),
        prompt_time text NOT NULL CHECK (prompt_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX cohorts_organization_id_idx ON cohorts.cohorts (organization_id);
      CREATE INDEX cohorts_page_idx ON cohorts.cohorts (organization_id, created_at, id);

      CREATE TABLE cohorts.cohort_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        cohort_id uuid NOT NULL REFERENCES cohorts.cohorts (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES cohorts.people (id) ON DELETE CASCADE,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cohort_members_cohort_id_person_id_key UNIQUE (cohort_id, person_id)
      );
      CREATE INDEX cohort_members_organization_id_idx ON cohorts.cohort_members (organization_id);
      CREATE INDEX cohort_members_person_idx ON cohorts.cohort_members (person_id);

      CREATE TABLE cohorts.published_tracks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        track_id uuid NOT NULL,
        version int NOT NULL,
        title text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT published_tracks_track_id_key UNIQUE (track_id)
      );
      CREATE INDEX published_tracks_organization_id_idx ON cohorts.published_tracks (organization_id);

      CREATE TABLE cohorts.enrollments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES cohorts.organizations (id),
        cohort_id uuid NOT NULL REFERENCES cohorts.cohorts (id) ON DELETE CASCADE,
        track_id uuid NOT NULL,
        track_version int NOT NULL,
        starts_on date NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT enrollments_cohort_id_track_id_key UNIQUE (cohort_id, track_id)
      );
      CREATE INDEX enrollments_organization_id_idx ON cohorts.enrollments (organization_id);

      CREATE TABLE cohorts.outbox (
        sequence bigserial UNIQUE,
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        published_at timestamptz
      );
      CREATE INDEX outbox_unpublished_idx ON cohorts.outbox (sequence) WHERE published_at IS NULL;
      CREATE INDEX outbox_organization_id_idx ON cohorts.outbox (organization_id);

      CREATE TABLE cohorts.applied_events (
        event_id uuid PRIMARY KEY,
        type text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE cohorts.applied_events;
      DROP TABLE cohorts.outbox;
      DROP TABLE cohorts.enrollments;
      DROP TABLE cohorts.published_tracks;
      DROP TABLE cohorts.cohort_members;
      DROP TABLE cohorts.cohorts;
      DROP TABLE cohorts.people;
      DROP TABLE cohorts.teams;
      DROP TABLE cohorts.organizations;
    `);
  }
}
