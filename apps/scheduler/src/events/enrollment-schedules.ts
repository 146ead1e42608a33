import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LeaderPromptSchedules } from '../leader-prompts/leader-prompt-schedules';
import { LearnerEnrollments, LearnerScope } from '../projections/learner-enrollments';

/**
 * What an event about enrollments, cohorts, members or people keeps in step: the learners' rows
 * (`LearnerEnrollments`) and their leaders' weekly prompt rows (`LeaderPromptSchedules`). The two
 * know nothing of each other; the event handlers call both, through here.
 */
@Injectable()
export class EnrollmentSchedules {
  constructor(
    private readonly learners: LearnerEnrollments,
    private readonly leaderPrompts: LeaderPromptSchedules,
  ) {}

  /** Creates the rows that became possible, the leaders' prompt rows first; returns how many. */
  async createMissing(manager: EntityManager, organizationId: string, scope: LearnerScope): Promise<number> {
    const prompts = await this.leaderPrompts.createMissing(manager, organizationId, scope);
    return prompts + (await this.learners.createMissing(manager, organizationId, scope));
  }

  /** Moves the pending prompts and lessons in scope onto the current cadence and zones; returns how many. */
  async reschedule(manager: EntityManager, organizationId: string, scope: LearnerScope): Promise<number> {
    const prompts = await this.leaderPrompts.reschedule(manager, organizationId, scope);
    return prompts + (await this.learners.reschedule(manager, organizationId, scope));
  }
}
