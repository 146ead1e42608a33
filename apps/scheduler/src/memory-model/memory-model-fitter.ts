import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { computeParameters, FSRSBinding, FSRSBindingItem } from '@open-spaced-repetition/binding';
import { default_w } from 'ts-fsrs';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { fsrsTrainingItems, RatedReview } from '../reviews/fsrs-training-items';
import { ReviewRating } from '../reviews/review-scheduler';
import { ReviewService } from '../reviews/review.service';
import { SchedulerConfig } from '../scheduler.config';
import { MemoryModelFit, MemoryModelFitOutcome } from './memory-model-fit.entity';

interface CardHistoryRow {
  held_out: boolean;
  ratings: ReviewRating[];
  days: number[];
}

/**
 * Fits an organization's FSRS parameters to its own reviews with the FSRS optimizer
 * (`@open-spaced-repetition/binding`, which trains off the event loop), and adopts them only when
 * they predict reviews they were not fitted on better than the parameters in use: a fifth of the
 * learners (by a hash of their id, so the same ones each week) are held out, and both sets of
 * parameters are scored by log loss on them. Every attempt is kept, whatever came of it.
 * docs/ARCHITECTURE.md "Spaced reviews".
 */
@Injectable()
export class MemoryModelFitter {
  private readonly logger = new Logger(MemoryModelFitter.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly reviews: ReviewService,
    private readonly config: SchedulerConfig,
  ) {}

  async fit(organizationId: string): Promise<MemoryModelFit> {
    const attemptedAt = this.clock.now();
    const histories = await this.cardHistories(organizationId);
    const reviewCount = histories.reduce((sum, history) => sum + history.ratings.length, 0);
    const attempt = (outcome: MemoryModelFitOutcome, found: Partial<MemoryModelFit> = {}) =>
      Object.assign(new MemoryModelFit(), {
        organizationId,
        attemptedAt,
        outcome,
        reviewCount,
        parameters: null,
        heldOutLogLoss: null,
        previousHeldOutLogLoss: null,
        detail: null,
        ...found,
      });

    const minimum = this.config.MEMORY_MODEL_FIT_MIN_REVIEWS;
    const training = itemsOf(histories.filter((history) => !history.held_out));
    const heldOut = itemsOf(histories.filter((history) => history.held_out));
    if (reviewCount < minimum || training.length === 0 || heldOut.length === 0) {
      return this.record(
        attempt(MemoryModelFitOutcome.TOO_FEW_REVIEWS, {
          detail:
            reviewCount < minimum
              ? `${reviewCount} rated reviews; a fit needs ${minimum}`
              : 'No learner has rated a card twice on one side of the hold-out',
        }),
      );
    }

    let parameters: number[];
    try {
      parameters = await computeParameters(training, { enableShortTerm: false });
    } catch (error) {
      this.logger.warn({ err: error, organizationId }, 'the FSRS optimizer failed; the parameters in use stay');
      return this.record(attempt(MemoryModelFitOutcome.FAILED, { detail: `The optimizer failed: ${String(error)}` }));
    }
    const { memoryParameters } = await this.reviews.settings(organizationId);
    const heldOutLogLoss = logLossOf(parameters, heldOut);
    const previousHeldOutLogLoss = logLossOf(memoryParameters ?? default_w, heldOut);
    const scores = { parameters, heldOutLogLoss, previousHeldOutLogLoss };
    // NaN (a diverged fit) compares false, so it never replaces what works.
    if (!(heldOutLogLoss < previousHeldOutLogLoss)) {
      return this.record(
        attempt(MemoryModelFitOutcome.KEPT_PREVIOUS, {
          ...scores,
          detail: 'The fitted parameters predicted the held-out reviews no better than those in use',
        }),
      );
    }
    return this.record(attempt(MemoryModelFitOutcome.ADOPTED, scores), parameters);
  }

  /** The attempt, and for an adopted one the organization's parameters, in one transaction. */
  private record(fit: MemoryModelFit, adopted?: number[]): Promise<MemoryModelFit> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(MemoryModelFit).save(fit);
      if (adopted) {
        const defaults = await this.reviews.settings(fit.organizationId);
        await manager.query(
          `INSERT INTO scheduler.scheduler_settings
                  (organization_id, reviews_per_day, desired_retention, leader_lead_days, memory_parameters, memory_model_fit_id)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (organization_id)
           DO UPDATE SET memory_parameters = EXCLUDED.memory_parameters,
                         memory_model_fit_id = EXCLUDED.memory_model_fit_id, updated_at = now()`,
          [
            fit.organizationId,
            defaults.reviewsPerDay,
            defaults.desiredRetention,
            defaults.leaderLeadDays,
            adopted,
            saved.id,
          ],
        );
      }
      return saved;
    });
  }

  /** Each (learner, card)'s ratings in order, with the day of each. */
  private cardHistories(organizationId: string): Promise<CardHistoryRow[]> {
    return this.dataSource.query(
      `SELECT abs(hashtext(person_id::text)) % 5 = 0 AS held_out,
              array_agg(rating ORDER BY completed_at) AS ratings,
              array_agg(extract(epoch FROM completed_at) / 86400 ORDER BY completed_at)::float8[] AS days
         FROM scheduler.deliveries
        WHERE organization_id = $1 AND kind = 'REVIEW' AND rating IS NOT NULL AND completed_at IS NOT NULL
        GROUP BY person_id, card_id`,
      [organizationId],
    );
  }
}

function itemsOf(histories: CardHistoryRow[]): FSRSBindingItem[] {
  return fsrsTrainingItems(
    histories.map((history): RatedReview[] =>
      history.ratings.map((rating, index) => ({ rating, day: history.days[index] })),
    ),
  );
}

function logLossOf(parameters: readonly number[], items: FSRSBindingItem[]): number {
  return new FSRSBinding([...parameters]).evaluate(items).logLoss;
}
