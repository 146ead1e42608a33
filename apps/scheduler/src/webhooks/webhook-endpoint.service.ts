import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isIP } from 'node:net';
import { DataSource } from 'typeorm';
import { assertAllowedHost } from '@tend/outbound';
import { SchedulerConfig } from '../scheduler.config';
import { RegisterWebhookEndpointInput } from './dto/register-webhook-endpoint.input';
import { WebhookEndpoint, WebhookEndpointSecret } from './webhook-endpoint.entity';
import { WebhookErrors } from './webhook.errors';
import { newWebhookSecret } from './webhook-signature';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

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
   * secret shown once. The URL must be https on public addresses only, every
   * address its name resolves to now; the sender checks again at each connection,
   * as a name can resolve elsewhere later. Plain http to loopback only when the
   * deployment allows loopback (tests, demos).
   */
  async register(organizationId: string, input: RegisterWebhookEndpointInput): Promise<WebhookEndpointSecret> {
    const allowLoopback = this.config.ALLOW_LOOPBACK_WEBHOOKS;
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw WebhookErrors.notAUrl();
    }
    const loopbackHttp = allowLoopback && url.protocol === 'http:' && LOOPBACK_NAMES.includes(url.hostname);
    if ((url.protocol !== 'https:' && !loopbackHttp) || url.username || url.password) throw WebhookErrors.notAUrl();
    const bare = url.hostname.replace(/^\[|\]$/g, '');
    if (!isIP(bare) && !bare.includes('.') && bare !== 'localhost') throw WebhookErrors.refusedAddress();
    await assertAllowedHost(url.hostname, { allowLoopback }).catch(() => {
      throw WebhookErrors.refusedAddress();
    });

    const secret = newWebhookSecret();
    const endpoints = this.dataSource.getRepository(WebhookEndpoint);
    await endpoints.upsert({ organizationId, url: url.toString(), secret }, ['organizationId']);
    const saved = await endpoints.findOneByOrFail({ organizationId });
    return { id: saved.id, url: saved.url, secret };
  }
}
