import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { SchedulerConfig } from '../scheduler.config';

export interface LessonEmail {
  /** Names the message, so a send repeated after a crash reaches the reader as the same message. */
  deliveryId: string;
  to: string;
  title: string;
  minutes: number;
  /** The next morning's reminder of a lesson left undone. */
  reminder?: boolean;
}

export interface LeaderPromptEmail {
  deliveryId: string;
  to: string;
  question: string;
}

export interface CareerConversationEmail {
  deliveryId: string;
  to: string;
  /** The scheduler knows people by address; the app shows the report's name. */
  reportEmail: string;
  question: string;
}

/** Email over SMTP, when SMTP_URL is set; without it, deliveries are in-app only. */
@Injectable()
export class EmailChannel implements OnModuleDestroy {
  private readonly transport: Transporter | undefined;

  constructor(private readonly config: SchedulerConfig) {
    this.transport = config.SMTP_URL ? createTransport(config.SMTP_URL) : undefined;
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  async sendLesson(email: LessonEmail): Promise<void> {
    if (!this.transport) throw new Error('email is not configured (SMTP_URL is empty)');
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: email.to,
      messageId: this.messageIdOf(email.deliveryId),
      subject: email.reminder ? `Still waiting for you: ${email.title}` : `Today's lesson: ${email.title}`,
      text: `${email.reminder ? 'Your last lesson is still open' : "Today's lesson is"}: "${email.title}". It takes ${email.minutes} minute${email.minutes === 1 ? '' : 's'}.\n\nOpen Tend to take it.\n`,
    });
  }

  async sendLeaderPrompt(email: LeaderPromptEmail): Promise<void> {
    if (!this.transport) throw new Error('email is not configured (SMTP_URL is empty)');
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: email.to,
      messageId: this.messageIdOf(email.deliveryId),
      subject: "This week's conversation with your team",
      text: `This week, ask your team:\n\n  ${email.question}\n\nOpen Tend for what they learned, how they are doing and a way to start.\n`,
    });
  }

  async sendCareerConversation(email: CareerConversationEmail): Promise<void> {
    if (!this.transport) throw new Error('email is not configured (SMTP_URL is empty)');
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: email.to,
      messageId: this.messageIdOf(email.deliveryId),
      subject: 'A career conversation is due',
      text: `It is time for a career conversation with ${email.reportEmail}.\n\n  ${email.question}\n\nOpen Tend to record it done or skipped.\n`,
    });
  }

  /**
   * One Message-ID per delivery: SMTP cannot promise a message is sent once (a
   * crash after the server took it and before Postgres heard of it resends it),
   * and mail systems that drop repeated Message-IDs then drop the repeat.
   */
  private messageIdOf(deliveryId: string): string {
    const domain = /@([^>\s]+)>?\s*$/.exec(this.config.MAIL_FROM)?.[1] ?? 'tend.local';
    return `<${deliveryId}@${domain}>`;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}

/** A 5xx SMTP reply (unknown mailbox, policy refusal) will not succeed on a retry. */
export function isPermanentEmailFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
