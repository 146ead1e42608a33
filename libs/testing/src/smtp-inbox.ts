import { SMTPServer } from 'smtp-server';
import { freePort } from './test-infrastructure';

interface Arrival {
  sessionId: string;
  recipients: string[];
  text: string;
  accept(): void;
}

/** A message the server accepted: its recipients and its text, quoted-printable decoded. */
export interface ReceivedMail {
  to: string[];
  text: string;
}

export interface SmtpInbox {
  /** smtp:// URL for SMTP_URL. */
  url: string;
  /** Recipients of every message the server accepted, once per accepted message. */
  accepted(): string[];
  /** Every message the server accepted, in order. */
  messages(): ReceivedMail[];
  /** From now on the server holds its answer to each message, as a slow server does, until `answerHeld()`. */
  holdAnswers(): void;
  /** Messages waiting for the server's answer whose sender is still connected. */
  held(): number;
  /** Accepts the held messages whose sender is still there, and answers at once again. */
  answerHeld(): void;
  /** Connections open now. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 that counts what it accepts. As RFC 5321
 * (4.1.1.4) has it, a server takes a message on when it answers 250 to its
 * data; a message whose sender hung up before that answer was never delivered.
 */
export async function startSmtpInbox(): Promise<SmtpInbox> {
  const accepted: string[] = [];
  const messages: ReceivedMail[] = [];
  const waiting: Arrival[] = [];
  const closed = new Set<string>();
  let holding = false;
  let open = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      open += 1;
      callback();
    },
    onClose(session) {
      open -= 1;
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const arrival: Arrival = {
          sessionId: session.id,
          recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          text: decodeQuotedPrintable(Buffer.concat(chunks).toString('utf8')),
          accept: () => {
            accepted.push(...arrival.recipients);
            messages.push({ to: arrival.recipients, text: arrival.text });
            callback();
          },
        };
        if (holding) waiting.push(arrival);
        else arrival.accept();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const stillConnected = (arrival: Arrival) => !closed.has(arrival.sessionId);
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted: () => [...accepted],
    messages: () => [...messages],
    holdAnswers: () => {
      holding = true;
    },
    held: () => waiting.filter(stillConnected).length,
    answerHeld: () => {
      holding = false;
      for (const arrival of waiting.splice(0)) if (stillConnected(arrival)) arrival.accept();
    },
    connections: () => open,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Undoes quoted-printable's soft line breaks and =XX escapes, which nodemailer uses for long lines. */
function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
