import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { runAcrossTenants } from '@tend/database';
import { CohortsConfig } from '../cohorts.config';
import { signInLinkUrl } from './sign-in-link-secret';
import { SignInLinkService } from './sign-in-link.service';

/**
 * Sign-in links by email over SMTP (SMTP_URL and MAIL_FROM, as the scheduler sends lessons);
 * without SMTP_URL, none are sent.
 */
@Injectable()
export class SignInLinkEmails implements OnModuleDestroy {
  private readonly transport: Transporter | undefined;

  constructor(
    private readonly config: CohortsConfig,
    private readonly links: SignInLinkService,
  ) {
    this.transport = config.SMTP_URL ? createTransport(config.SMTP_URL) : undefined;
  }

  /**
   * Emails a link to each active person with this address in an organization without an identity
   * provider. Says nothing of whether anyone has it: the caller is not yet anyone.
   */
  async send(email: string): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    const recipients = await runAcrossTenants('sign-in link by email', () => this.links.recipientsOf(email));
    for (const recipient of recipients) {
      const secret = await this.links.createLink(recipient.organizationId, recipient.personId);
      if (!secret) continue;
      await transport.sendMail({
        from: this.config.MAIL_FROM,
        to: recipient.email,
        subject: 'Your link to sign in to Tend',
        text:
          `Hello ${recipient.name},\n\nOpen this link on your phone or computer to sign in to Tend:\n\n` +
          `${signInLinkUrl(this.config.WEB_APP_URL, secret)}\n\n` +
          'It works once, within 15 minutes. If you did not ask for it, ignore this email.\n',
      });
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
