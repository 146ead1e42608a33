import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@tend/events';
import type { EventHandler } from '../events/event-handler';
import { LtiToolKeyService } from './lti-tool-key.service';

/** Keeps where the person's scores in the track go; the latest launch names the line item. */
@Injectable()
export class LtiLineItemLinkedHandler implements EventHandler<'cohorts.lti_line_item_linked'> {
  constructor(private readonly toolKeys: LtiToolKeyService) {}

  async apply(manager: EntityManager, event: DomainEvent<'cohorts.lti_line_item_linked'>): Promise<boolean> {
    const { personId, trackId, platformId, tokenUrl, clientId, lineItemUrl, userId } = event.payload;
    await this.toolKeys.ensure(manager, event.organizationId);
    await manager.query(
      `INSERT INTO scheduler.lti_line_items
         (organization_id, person_id, track_id, platform_id, token_url, client_id, line_item_url, user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (organization_id, person_id, track_id) DO UPDATE SET platform_id = EXCLUDED.platform_id,
         token_url = EXCLUDED.token_url, client_id = EXCLUDED.client_id, line_item_url = EXCLUDED.line_item_url,
         user_id = EXCLUDED.user_id, updated_at = now()`,
      [event.organizationId, personId, trackId, platformId, tokenUrl, clientId, lineItemUrl, userId],
    );
    return false;
  }
}
