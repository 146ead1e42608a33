import { All, Controller, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { issueAccessToken, isRole, loadOrCreateLocalSigningKey, PrincipalSigner } from '@tend/auth';
import { GatewayConfig } from '../gateway.config';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** What cohorts answers a launch that signs someone in with: the gateway, which holds Tend's key, issues the session. */
export const LTI_SESSION_CONTENT_TYPE = 'application/vnd.tend.lti-session+json';

/** The headers of cohorts' answer a browser needs: where to go next, and the login's state cookie. */
const PASSED_HEADERS = ['content-type', 'location', 'set-cookie', 'cache-control'];

interface LtiSession {
  organizationId: string;
  personId: string;
  role: unknown;
  /** A path of the web app, such as `/lessons/<id>`. */
  landing: string;
}

/**
 * LTI 1.3 at /lti (README "LTI 1.3 Advantage"). Cohorts owns platforms, people and enrollments,
 * so it serves the protocol; the gateway forwards each request signed as its own, with the
 * origin platforms and browsers reach it at, and turns a launch that signs someone in into the
 * session the web app holds: a token of Tend's local key in the landing URL's fragment, which
 * never reaches a server's logs.
 */
@Controller('lti')
export class LtiProxyController {
  private readonly signer: PrincipalSigner;
  private readonly privateKeyPem: string;

  constructor(private readonly config: GatewayConfig) {
    this.signer = new PrincipalSigner(config.GATEWAY_SIGNING_SECRET);
    this.privateKeyPem = loadOrCreateLocalSigningKey(config.TEND_LOCAL_KEY_FILE).privateKeyPem;
  }

  @All(['', '*'])
  async forward(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // The URL parser resolves dot segments, which the route does not: nothing outside /lti is forwarded.
    const target = new URL(request.url, this.config.COHORTS_URL);
    if (!/^\/lti(?:\/|$)/.test(target.pathname)) {
      await reply.code(404).send({ error: 'LTI_BAD_REQUEST', message: 'There is no such LTI endpoint' });
      return;
    }
    if (target.pathname === '/lti/jwks' && request.method === 'GET') {
      await this.publishKeys(reply);
      return;
    }
    const answer = await fetch(target, {
      method: request.method,
      redirect: 'manual',
      headers: {
        'content-type': request.headers['content-type'] ?? FORM_CONTENT_TYPE,
        'x-request-id': String(request.id),
        'x-tend-public-url': this.publicUrl(request),
        ...(request.headers.cookie ? { cookie: request.headers.cookie } : {}),
        ...this.signer.sign({ kind: 'gateway' }),
      },
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : bodyText(request.body),
    });
    if (answer.headers.get('content-type')?.startsWith(LTI_SESSION_CONTENT_TYPE)) {
      await this.signIn(reply, (await answer.json()) as LtiSession);
      return;
    }
    reply.code(answer.status);
    for (const name of PASSED_HEADERS) {
      const values = name === 'set-cookie' ? answer.headers.getSetCookie() : [answer.headers.get(name)];
      for (const value of values) if (value) reply.header(name, value);
    }
    await reply.send(await answer.text());
  }

  /**
   * The tool's keys are two halves: cohorts signs deep-linking responses, the scheduler the grade
   * services' client assertions (docs/ARCHITECTURE.md#standard-doors-scim-and-lti). Platforms see one set.
   */
  private async publishKeys(reply: FastifyReply): Promise<void> {
    const sets = await Promise.all(
      [this.config.COHORTS_URL, this.config.SCHEDULER_URL].map(async (subgraph) => {
        const answer = await fetch(new URL('/lti/jwks', subgraph), { headers: this.signer.sign({ kind: 'gateway' }) });
        if (!answer.ok) throw new Error(`${new URL(subgraph).origin}/lti/jwks answered HTTP ${answer.status}`);
        return ((await answer.json()) as { keys: unknown[] }).keys;
      }),
    );
    await reply
      .header('content-type', 'application/json')
      .header('cache-control', 'public, max-age=300')
      .send(JSON.stringify({ keys: sets.flat() }));
  }

  private async signIn(reply: FastifyReply, session: LtiSession): Promise<void> {
    if (!isRole(session.role) || !session.landing.startsWith('/'))
      throw new Error('cohorts answered a malformed LTI session');
    const token = issueAccessToken(
      this.privateKeyPem,
      { organizationId: session.organizationId, personId: session.personId, role: session.role },
      {
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        expiresInSeconds: this.config.LTI_SESSION_SECONDS,
      },
    );
    const fragment = new URLSearchParams({ session: token, expiresIn: String(this.config.LTI_SESSION_SECONDS) });
    await reply
      .code(303)
      .header('cache-control', 'no-store')
      .header('location', `${session.landing}#${fragment}`)
      .send();
  }

  private publicUrl(request: FastifyRequest): string {
    return (
      this.config.PUBLIC_URL ??
      `${request.protocol}://${request.headers.host ?? `${this.config.HOST}:${this.config.PORT}`}`
    );
  }
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  return body === undefined ? '' : JSON.stringify(body);
}
