import { All, Body, Controller, Get, Headers, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LtiDeepLinkService } from '../lti-deep-links/lti-deep-link.service';
import { LtiToolKeyService } from '../lti-tool-keys/lti-tool-key.service';
import { LtiLaunchService } from './lti-launch.service';
import { LOGIN_LIFETIME_MS, LoginRequest, LtiLoginService, STATE_COOKIE } from './lti-login.service';
import { LtiRefusal } from '../lti-platforms/lti-refusal';

/** What the gateway turns into the web app's session (its `LTI_SESSION_CONTENT_TYPE`). */
const SESSION_CONTENT_TYPE = 'application/vnd.tend.lti-session+json';

/**
 * LTI 1.3 (README "LTI 1.3 Advantage"), reached only through the gateway's /lti, which signs
 * each request as its own and names the origin it is reached at: the platform's id_token, not a
 * Tend credential, says who launches.
 */
@Controller('lti')
export class LtiController {
  constructor(
    private readonly toolKeys: LtiToolKeyService,
    private readonly logins: LtiLoginService,
    private readonly launches: LtiLaunchService,
    private readonly deepLinks: LtiDeepLinkService,
  ) {}

  @Get('jwks')
  jwks(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return answer(request, reply, async () => {
      reply.header('content-type', 'application/json').header('cache-control', 'public, max-age=300');
      await reply.send(JSON.stringify(await this.toolKeys.publicKeySet()));
    });
  }

  /** A platform may start a login with either method (IMS Security Framework §5.1.1.1). */
  @Get('login')
  loginByGet(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.login(request, reply, request.query as Record<string, unknown>);
  }

  @Post('login')
  loginByPost(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    return this.login(request, reply, formOf(body));
  }

  @Post('launch')
  launch(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
    @Headers('cookie') cookie: string | undefined,
  ): Promise<void> {
    return answer(request, reply, async () => {
      const outcome = await this.launches.launch(formOf(body), cookieOf(cookie, STATE_COOKIE), publicUrlOf(request));
      // The state was used once; the browser need not keep it.
      reply.header('set-cookie', stateCookie('', 0));
      if (outcome.kind === 'page') return sendPage(reply, outcome.html);
      reply.header('content-type', SESSION_CONTENT_TYPE);
      await reply.send(JSON.stringify(outcome.session));
    });
  }

  /** An instructor's pick on the deep linking page. */
  @Post('deep-links')
  deepLink(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    return answer(request, reply, async () => {
      const form = formOf(body);
      await sendPage(reply, await this.deepLinks.respond(form.selection, form.track_id, publicUrlOf(request)));
    });
  }

  @All('*')
  unknown(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return answer(request, reply, async () => {
      throw new LtiRefusal(404, 'LTI_BAD_REQUEST', `${request.url.split('?')[0]} is not an LTI endpoint of Tend`);
    });
  }

  private login(request: FastifyRequest, reply: FastifyReply, parameters: Record<string, unknown>): Promise<void> {
    return answer(request, reply, async () => {
      const started = await this.logins.start(textsOf(parameters), publicUrlOf(request));
      reply
        .code(302)
        .header('location', started.redirectTo)
        .header('cache-control', 'no-store')
        .header('set-cookie', stateCookie(started.state, LOGIN_LIFETIME_MS / 1000));
      await reply.send();
    });
  }
}

async function sendPage(reply: FastifyReply, html: string): Promise<void> {
  // A platform shows the tool in an iframe of its own page, so framing is left to it.
  await reply
    .code(200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}

async function answer(request: FastifyRequest, reply: FastifyReply, work: () => Promise<void>): Promise<void> {
  try {
    if (request.principal?.kind !== 'gateway')
      throw new LtiRefusal(401, 'LTI_BAD_REQUEST', 'LTI is reached through the gateway');
    await work();
  } catch (error) {
    if (!(error instanceof LtiRefusal)) throw error;
    await reply.code(error.status).header('content-type', 'application/json').send(JSON.stringify(error.body()));
  }
}

/**
 * The launch is a cross-site form post from the platform, so the cookie must be SameSite=None,
 * which browsers accept only when Secure; HttpOnly keeps it from scripts.
 */
function stateCookie(state: string, maxAgeSeconds: number): string {
  return `${STATE_COOKIE}=${state}; Path=/lti; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=None`;
}

function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** Platforms post forms, which Nest parses (@fastify/formbody). */
function formOf(body: unknown): Record<string, string> {
  if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
  return typeof body === 'object' && body !== null ? textsOf(body as Record<string, unknown>) : {};
}

function textsOf(parameters: Record<string, unknown>): LoginRequest & Record<string, string> {
  return Object.fromEntries(
    Object.entries(parameters).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function publicUrlOf(request: FastifyRequest): string {
  const named = request.headers['x-tend-public-url'];
  if (typeof named !== 'string' || !/^https?:\/\/[^/]+$/.test(named)) {
    throw new LtiRefusal(400, 'LTI_BAD_REQUEST', 'LTI is reached through the gateway');
  }
  return named;
}
