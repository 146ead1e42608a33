import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Clock } from '@tend/clock';
import { JobQueue, QueueName } from '@tend/queue';
import { LessonSlotCalendars } from '../cadence/lesson-slot-calendar';
import { DeliveryChannel, DeliveryKind } from '../deliveries/delivery.entity';
import { countDeliveries, deliveriesPlanned, DeliveryTally } from '../metrics/delivery-metrics';
import { CareerConversationPlanner } from '../career-conversations/career-conversation-planner';
import { LeaderPromptPlanner } from '../leader-prompts/leader-prompt-planner';
import { SchedulerConfig } from '../scheduler.config';
import { deliverySendJob } from '../sending/delivery-send.job';
import { EmailChannel } from '../sending/email.channel';
import { LessonBatch, PlannedBatch } from './lesson-batch';
import { planReviewDays } from '../reviews/review-days';

export interface PlannerPass {
  /** Deliveries written. */
  planned: number;
  /** Send jobs enqueued for deliveries that go out by email or webhook. */
  enqueued: number;
}

const DEADLOCK_RETRIES = 3;

function isDeadlock(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '40P01';
}

/**
 * Turns due learner enrollments into deliveries (docs/ARCHITECTURE.md#scheduling). Each batch is one
 * transaction: claim due rows with SKIP LOCKED, write one delivery per
 * (person, lesson, local date) under the unique constraint, advance the rows.
 * Concurrent passes, in one process or many, never claim the same row, and a
 * pass that crashes rolls back whole, so nothing is lost or doubled. This is the pass: its loop,
 * the retry after a deadlock and the send jobs after each commit; a batch of lessons is
 * `LessonBatch` (`lesson-batch.ts`), a batch of prompts `LeaderPromptPlanner`, of career
 * conversations `CareerConversationPlanner`.
 */
@Injectable()
export class DeliveryPlanner {
  private readonly logger = new Logger(DeliveryPlanner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: SchedulerConfig,
    private readonly email: EmailChannel,
    private readonly leaderPrompts: LeaderPromptPlanner,
    private readonly careerConversations: CareerConversationPlanner,
    @InjectQueue(QueueName.DeliveriesSend) private readonly sendQueue: JobQueue<QueueName.DeliveriesSend>,
  ) {}

  /**
   * Plans batch after batch until nothing is due: the day's lessons first, then the prompts that look
   * back on them, then the career conversations, which know nothing of either.
   */
  async runPass(): Promise<PlannerPass> {
    const now = this.clock.now();
    const limit = this.config.PLANNER_BATCH_SIZE;
    const pass: PlannerPass = { planned: 0, enqueued: 0 };
    // One pass plans one instant, so its calendars' memories hold across batches.
    const calendars = new LessonSlotCalendars();
    const steps: ((manager: EntityManager) => Promise<PlannedBatch>)[] = [
      (manager) => new LessonBatch(manager, now, calendars, this.email).plan(limit),
      async (manager) => {
        const batch = await this.leaderPrompts.planBatch(manager, now, limit);
        return { ...batch, tally: new DeliveryTally().addEach(DeliveryKind.LEADER_PROMPT, batch.written) };
      },
      async (manager) => {
        const batch = await this.careerConversations.planBatch(manager, now, limit, calendars);
        return { ...batch, tally: new DeliveryTally().addEach(DeliveryKind.CAREER_CONVERSATION, batch.written) };
      },
    ];
    for (const step of steps) {
      // Side by side, one batch's statements run while another's jobs are enqueued; SKIP LOCKED
      // keeps their rows apart. A short batch means nothing else is free to claim.
      await Promise.all(
        Array.from({ length: this.config.PLANNER_CONCURRENCY }, async () => {
          for (;;) {
            const batch = await this.planBatch(step);
            pass.planned += batch.planned;
            pass.enqueued += batch.enqueued;
            if (batch.claimed < limit) return;
          }
        }),
      );
    }
    pass.planned += await this.planReviewDays(now, calendars, limit);
    if (pass.planned > 0) this.logger.log(pass, 'planned deliveries');
    return pass;
  }

  /**
   * Then the reviews of learners past their last lesson, who have none to ride with, page by page
   * in one worker: a page is not claimed, and planning a day twice is harmless but wasted.
   */
  private async planReviewDays(now: Date, calendars: LessonSlotCalendars, limit: number): Promise<number> {
    let planned = 0;
    for (let after: string | null = null; ;) {
      const page = await this.inTransaction((manager) => planReviewDays(manager, now, calendars, after, limit));
      countDeliveries(
        deliveriesPlanned,
        new DeliveryTally().add(DeliveryKind.REVIEW, DeliveryChannel.IN_APP, page.reviews).entries(),
      );
      planned += page.reviews;
      if (page.found < limit) return planned;
      after = page.last;
    }
  }

  private async planBatch(
    step: (manager: EntityManager) => Promise<PlannedBatch>,
  ): Promise<PlannerPass & { claimed: number }> {
    const { claimed, written, writtenInApp = 0, tally } = await this.inTransaction(step);
    countDeliveries(deliveriesPlanned, tally.entries());
    const outgoing = written.filter((delivery) => delivery.channel !== DeliveryChannel.IN_APP);
    // After the commit, so no job names a delivery that was rolled back; if this
    // process dies first, the reconciler enqueues them.
    if (outgoing.length > 0) {
      await this.sendQueue.addBulk(
        outgoing.map((delivery) =>
          deliverySendJob(
            { organizationId: delivery.organization_id, deliveryId: delivery.id },
            { attempts: this.config.SEND_ATTEMPTS, backoffMs: this.config.SEND_BACKOFF_MS },
          ),
        ),
      );
    }
    return { claimed, planned: written.length + writtenInApp, enqueued: outgoing.length };
  }

  /**
   * Two batches of one person (several enrollments) can wait on each other's rows, and Postgres
   * then rolls one back whole; that one is simply planned again.
   */
  private async inTransaction<T>(step: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(step);
      } catch (error) {
        if (attempt >= DEADLOCK_RETRIES || !isDeadlock(error)) throw error;
      }
    }
  }
}
