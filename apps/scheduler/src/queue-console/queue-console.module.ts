import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { DynamicModule, Inject, Injectable, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { OPERATOR_PATH_PREFIX } from '@tend/auth';
import { QueueName, redisOptionsFromUrl } from '@tend/queue';

/** Where the console answers, under the prefix whose paths carry their own authentication. */
export const QUEUE_CONSOLE_PATH = `${OPERATOR_PATH_PREFIX}queues`;

/** The user name the browser's sign-in prompt asks for; the password is the setting. */
export const QUEUE_CONSOLE_USER = 'operator';

export interface QueueConsoleSettings {
  redisUrl: string;
  redisPrefix: string;
  password: string;
  /** Whether failed jobs may be retried from the console; nothing else is ever changed from it. */
  retries: boolean;
}

const SETTINGS = Symbol('QUEUE_CONSOLE_SETTINGS');

/** Every failed job of a queue retried, or one job: the only changes the console may make. */
const RETRY_FAILED = new RegExp(`^${QUEUE_CONSOLE_PATH}/api/queues/([^/]+)/retry/failed$`);
const RETRY_ONE = new RegExp(`^${QUEUE_CONSOLE_PATH}/api/queues/([^/]+)/([^/]+)/retry$`);

/**
 * Bull Board over every queue of Tend (the other services' too: they share the deployment's
 * Redis and key prefix), for operators who must see whether the 9:00 lessons went out.
 * Behind HTTP Basic authentication, because a browser is what opens it; read-only unless the
 * deployment allows retries, and then retries only: cleaning, removing, adding or pausing jobs
 * from a web page would lose deliveries without a trace.
 */
@Injectable()
class QueueConsole implements OnModuleInit, OnModuleDestroy {
  private readonly connection: Redis;
  private readonly queues: Queue[];
  private readonly expected: Buffer;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SETTINGS) private readonly settings: QueueConsoleSettings,
  ) {
    this.connection = new Redis(redisOptionsFromUrl(settings.redisUrl));
    this.queues = Object.values(QueueName).map(
      (name) => new Queue(name, { connection: this.connection, prefix: settings.redisPrefix }),
    );
    this.expected = Buffer.from(`${QUEUE_CONSOLE_USER}:${settings.password}`);
  }

  async onModuleInit(): Promise<void> {
    const board = new FastifyAdapter().setBasePath(QUEUE_CONSOLE_PATH);
    createBullBoard({
      queues: this.queues.map(
        (queue) =>
          new BullMQAdapter(queue, {
            readOnlyMode: !this.settings.retries,
            allowRetries: this.settings.retries,
          }),
      ),
      serverAdapter: board,
      options: { uiConfig: { boardTitle: 'Tend queues' } },
    });
    const fastify: FastifyInstance = this.adapterHost.httpAdapter.getInstance();
    await fastify.register(async (scope) => {
      scope.addHook('onRequest', (request, reply) => this.admit(request, reply));
      await scope.register(board.registerPlugin(), { prefix: QUEUE_CONSOLE_PATH });
    });
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    await this.connection.quit();
  }

  /** Fastify's way for an async hook to answer: send, then return the reply so nothing else runs. */
  private async admit(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (!this.signedIn(request.headers.authorization)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Basic realm="Tend queues", charset="UTF-8"')
        .send({ error: 'The queue console asks for the operator password' });
    }
    if (request.method === 'GET' || request.method === 'HEAD') return undefined;
    const refusal = await this.changeRefused(request.method, decodedPath(request.url));
    return refusal ? reply.code(refusal.status).send({ error: refusal.error }) : undefined;
  }

  /**
   * Why a change is refused, if it is. A completed job retried would send its lesson or webhook
   * again, so one job is retried only while it is failed.
   */
  private async changeRefused(method: string, path: string): Promise<{ status: number; error: string } | null> {
    const refused = { status: 405, error: 'The queue console only reads, and retries failed jobs where allowed' };
    if (!this.settings.retries || method !== 'PUT') return refused;
    if (RETRY_FAILED.test(path)) return null;
    const one = RETRY_ONE.exec(path);
    if (!one) return refused;
    const queue = this.queues.find((candidate) => candidate.name === one[1]);
    const state = queue ? await queue.getJobState(one[2]) : 'unknown';
    return state === 'failed' ? null : { status: 409, error: `Only a failed job is retried; this one is ${state}` };
  }

  private signedIn(authorization: string | undefined): boolean {
    const [scheme, encoded] = (authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'basic' || !encoded) return false;
    const given = Buffer.from(encoded, 'base64');
    return given.length === this.expected.length && timingSafeEqual(given, this.expected);
  }
}

/** The path with its escapes undone (job ids carry colons), or an empty path when they are broken. */
function decodedPath(url: string): string {
  try {
    return decodeURIComponent(url.split('?')[0]);
  } catch {
    return '';
  }
}

/** The queue console, for a service whose configuration gives it an operator password. */
@Module({})
export class QueueConsoleModule {
  static forService(settings: QueueConsoleSettings): DynamicModule {
    return {
      module: QueueConsoleModule,
      providers: [{ provide: SETTINGS, useValue: settings }, QueueConsole],
    };
  }
}
