import { ApiError, OfflineError, request } from '../api/graphql-client';
import {
  CompleteLessonDocument,
  type CompleteLessonInput,
  type CompleteLessonMutation,
} from '../graphql/generated/graphql';

const OUTBOX_KEY = 'tend.pending-completions';

type Pending = Record<string, CompleteLessonInput>;

function pending(): Pending {
  try {
    return JSON.parse(localStorage.getItem(OUTBOX_KEY) ?? '{}') as Pending;
  } catch {
    return {};
  }
}

function keep(all: Pending): void {
  if (Object.keys(all).length === 0) localStorage.removeItem(OUTBOX_KEY);
  else localStorage.setItem(OUTBOX_KEY, JSON.stringify(all));
}

export type CompletionOutcome = { sent: CompleteLessonMutation['completeLesson'] } | { kept: true };

/**
 * Completes a lesson, or keeps the completion on this device while the connection is down. The
 * outbox holds one completion per delivery, so answering twice offline still sends once.
 */
export async function completeLesson(deliveryId: string, input: CompleteLessonInput): Promise<CompletionOutcome> {
  try {
    const { completeLesson: result } = await request(CompleteLessonDocument, { deliveryId, input });
    return { sent: result };
  } catch (error) {
    if (!(error instanceof OfflineError)) throw error;
    keep({ ...pending(), [deliveryId]: input });
    return { kept: true };
  }
}

export function pendingCompletions(): number {
  return Object.keys(pending()).length;
}

/** Whether this delivery's completion waits on this device to be sent. */
export function isPending(deliveryId: string): boolean {
  return deliveryId in pending();
}

/** Refusals that say "not now" rather than "never": the completion waits for the next try. */
const KEPT_FOR_LATER = new Set(['UNAUTHENTICATED', 'UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'RATE_LIMITED']);

let flushing: Promise<number> | undefined;

/**
 * Sends what was completed offline, each once: a completion the server already has (CONFLICT, the
 * same delivery completed) or refuses for good leaves the outbox; one that finds the connection
 * still down stays for the next try. Resolves with how many were sent.
 */
export function flushPendingCompletions(): Promise<number> {
  flushing ??= sendPending().finally(() => {
    flushing = undefined;
  });
  return flushing;
}

async function sendPending(): Promise<number> {
  let sent = 0;
  for (const [deliveryId, input] of Object.entries(pending())) {
    try {
      await request(CompleteLessonDocument, { deliveryId, input });
      sent += 1;
    } catch (error) {
      if (error instanceof OfflineError) break;
      if (!(error instanceof ApiError)) throw error;
      if (KEPT_FOR_LATER.has(error.code)) break;
    }
    const rest = pending();
    delete rest[deliveryId];
    keep(rest);
  }
  return sent;
}
