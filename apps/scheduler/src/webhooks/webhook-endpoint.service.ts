import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SchedulerConfig } from '../scheduler.config';
import { RegisterWebhookEndpointInput } from './dto/register-webhook-endpoint.input';
import { WebhookEndpoint, WebhookEndpointSecret } from './webhook-endpoint.entity';
import { checkedWebhookUrl } from './webhook-url';
import { newWebhookSecret } from './webhook-signature';

@Injectable()
export class WebhookEndpointService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: SchedulerConfig,
  ) {}

  current(organizationId: string): Promise<WebhookEndpoint | null> {
    return this.dataSource.getRepository(WebhookEndpoint).findOneBy({ organizationId });
  }

  /**
   * Registers the organization's endpoint, replacing the one before, with a new
   * secret shown once. The URL follows `checkedWebhookUrl`'s rule.
   */
  async register(organizationId: string, input: RegisterWebhookEndpointInput): Promise<WebhookEndpointSecret> {
    const url = await checkedWebhookUrl(input.url, this.config.ALLOW_LOOPBACK_WEBHOOKS);
    const secret = newWebhookSecret();
    const endpoints = this.dataSource.getRepository(WebhookEndpoint);
    await endpoints.upsert({ organizationId, url: url.toString(), secret }, ['organizationId']);
    const saved = await endpoints.findOneByOrFail({ organizationId });
    return { id: saved.id, url: saved.url, secret };
  }
}
