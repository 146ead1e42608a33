import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { LtiGradeClient } from './lti-grade-client';

interface WaitingScore {
  token_url: string;
  client_id: string;
  line_item_url: string;
  user_id: string;
  score_given: string;
  score_maximum: string;
  scored_at: Date;
}

/** Sends one kept score; a sent one is passed by, so a job that runs again sends nothing twice. */
@Injectable()
export class LtiScoreSender {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly client: LtiGradeClient,
    private readonly clock: Clock,
  ) {}

  async send(organizationId: string, scoreId: string): Promise<'sent' | 'already sent'> {
    const [score]: WaitingScore[] = await this.dataSource.query(
      `SELECT i.token_url, i.client_id, i.line_item_url, i.user_id, s.score_given, s.score_maximum, s.scored_at
       FROM scheduler.lti_scores s JOIN scheduler.lti_line_items i ON i.id = s.line_item_id
       WHERE s.organization_id = $1 AND s.id = $2 AND s.sent_at IS NULL`,
      [organizationId, scoreId],
    );
    if (!score) return 'already sent';
    try {
      await this.client.postScore(
        { organizationId, tokenUrl: score.token_url, clientId: score.client_id, lineItemUrl: score.line_item_url },
        {
          userId: score.user_id,
          scoreGiven: Number(score.score_given),
          scoreMaximum: Number(score.score_maximum),
          timestamp: score.scored_at,
        },
      );
    } catch (error) {
      await this.dataSource.query(
        `UPDATE scheduler.lti_scores SET last_error = $3, updated_at = now() WHERE organization_id = $1 AND id = $2`,
        [organizationId, scoreId, (error as Error).message.slice(0, 500)],
      );
      throw error;
    }
    await this.dataSource.query(
      `UPDATE scheduler.lti_scores SET sent_at = $3, last_error = NULL, updated_at = now()
       WHERE organization_id = $1 AND id = $2`,
      [organizationId, scoreId, this.clock.now()],
    );
    return 'sent';
  }
}
