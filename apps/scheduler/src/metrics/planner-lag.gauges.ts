import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { runAcrossTenants } from '@tend/database';
import { ScrapeGauges } from '@tend/observability';

interface Due {
  due: number;
  oldest: Date | null;
}

/**
 * What the planner has yet to plan: the learners whose next lesson is due now and who would be
 * claimed (active, on an active enrollment), read at each scrape through the index the planner
 * claims by. Between passes it rises and falls back; a lag that keeps growing is a planner that
 * stopped or cannot keep up.
 */
@Injectable()
export class PlannerLagGauges implements OnModuleDestroy {
  private readonly gauges: ScrapeGauges<{ due: number; lagSeconds: number }>;

  constructor(@InjectDataSource() dataSource: DataSource, clock: Clock) {
    const read = () =>
      runAcrossTenants('metrics', async () => {
        const now = clock.now();
        const [row]: Due[] = await dataSource.query(
          `SELECT count(*)::int AS due, min(le.next_at) AS oldest
           FROM scheduler.learner_enrollments le
           JOIN scheduler.people p ON p.person_id = le.person_id
           WHERE le.next_at <= $1 AND le.status = 'ACTIVE' AND p.active`,
          [now.toISOString()],
        );
        return { due: row.due, lagSeconds: row.oldest ? (now.getTime() - row.oldest.getTime()) / 1000 : 0 };
      });
    this.gauges = new ScrapeGauges(register, read)
      .add(
        { name: 'tend_planner_due_learners', help: 'Learner enrollments whose next lesson is due and not yet planned' },
        (gauge, reading) => gauge.set(reading.due),
      )
      .add(
        {
          name: 'tend_planner_lag_seconds',
          help: 'How long the longest-due learner enrollment has waited for the planner; 0 when none is due',
        },
        (gauge, reading) => gauge.set(reading.lagSeconds),
      );
  }

  onModuleDestroy(): void {
    this.gauges.remove();
  }
}
