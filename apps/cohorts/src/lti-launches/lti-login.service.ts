import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { runAcrossTenants, runInOrganization } from '@tend/database';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { LtiPlatform } from '../lti-platforms/lti-platform.entity';
import { LtiPlatformService } from '../lti-platforms/lti-platform.service';
import { LtiRefusal } from '../lti-platforms/lti-refusal';

/** A login must come back as a launch within this long; platforms answer in seconds. */
export const LOGIN_LIFETIME_MS = 10 * 60_000;

/** The cookie that binds a login's state to the browser that started it. */
export const STATE_COOKIE = 'tend_lti_state';

export interface LoginRequest {
  iss?: string;
  login_hint?: string;
  target_link_uri?: string;
  lti_message_hint?: string;
  client_id?: string;
  lti_deployment_id?: string;
}

export interface StartedLogin {
  /** The platform's authorization endpoint, with the authentication request. */
  redirectTo: string;
  state: string;
}

export interface PendingLogin {
  id: string;
  platform: LtiPlatform;
  nonce: string;
}

/**
 * OIDC third-party login initiation (IMS Security Framework §5.1.1): Tend answers a platform's
 * login with an authentication request carrying a fresh state and nonce, both kept until the
 * launch that ends the login uses them, once.
 */
@Injectable()
export class LtiLoginService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly platforms: LtiPlatformService,
    private readonly clock: Clock,
  ) {}

  async start(request: LoginRequest, publicUrl: string): Promise<StartedLogin> {
    if (!request.iss || !request.login_hint || !request.target_link_uri) {
      throw new LtiRefusal(400, 'LTI_BAD_REQUEST', 'A login needs iss, login_hint and target_link_uri');
    }
    const platform = await this.platforms.findForLogin(request.iss, request.client_id);
    if (!platform)
      throw new LtiRefusal(404, 'LTI_UNKNOWN_PLATFORM', 'No platform with this issuer and client id is registered');
    if (request.lti_deployment_id !== undefined && !platform.deploymentIds.includes(request.lti_deployment_id)) {
      throw new LtiRefusal(403, 'LTI_UNKNOWN_DEPLOYMENT', 'The deployment id is not one registered for this platform');
    }
    const state = randomBytes(32).toString('base64url');
    const nonce = randomBytes(32).toString('base64url');
    const now = this.clock.now().getTime();
    await runInOrganization(platform.organizationId, async () => {
      await this.dataSource.query(
        `INSERT INTO "${COHORTS_SCHEMA}".lti_logins (organization_id, platform_id, state_hash, nonce, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [platform.organizationId, platform.id, hashOf(state), nonce, new Date(now + LOGIN_LIFETIME_MS)],
      );
      // A login a day past its expiry is refused by its id_token's exp anyway: it need not be kept.
      await this.dataSource.query(
        `DELETE FROM "${COHORTS_SCHEMA}".lti_logins WHERE organization_id = $1 AND expires_at < $2`,
        [platform.organizationId, new Date(now - 86_400_000)],
      );
    });
    const authentication = new URL(platform.authLoginUrl);
    const parameters: Record<string, string> = {
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: platform.clientId,
      redirect_uri: `${publicUrl}/lti/launch`,
      login_hint: request.login_hint,
      state,
      nonce,
      ...(request.lti_message_hint ? { lti_message_hint: request.lti_message_hint } : {}),
    };
    for (const [name, value] of Object.entries(parameters)) authentication.searchParams.set(name, value);
    return { redirectTo: authentication.toString(), state };
  }

  /** The login a launch ends: its state came back, in the form and in the cookie of the browser that started it. */
  async pending(state: string | undefined, cookieState: string | undefined): Promise<PendingLogin> {
    if (!state || state !== cookieState) {
      throw new LtiRefusal(
        401,
        'LTI_STATE_MISMATCH',
        "The launch's state is not the one this browser's login started with",
      );
    }
    const [row]: {
      id: string;
      organization_id: string;
      platform_id: string;
      nonce: string;
      expires_at: Date;
      used_at: Date | null;
    }[] = await runAcrossTenants('LTI login lookup by state', () =>
      this.dataSource.query(
        `SELECT id, organization_id, platform_id, nonce, expires_at, used_at FROM "${COHORTS_SCHEMA}".lti_logins WHERE state_hash = $1`,
        [hashOf(state)],
      ),
    );
    if (!row) throw new LtiRefusal(401, 'LTI_LOGIN_UNKNOWN', 'Tend started no login with this state');
    if (row.used_at) throw new LtiRefusal(401, 'LTI_NONCE_REPLAYED', "This login's nonce was already used by a launch");
    if (row.expires_at.getTime() <= this.clock.now().getTime()) {
      throw new LtiRefusal(401, 'LTI_LOGIN_EXPIRED', 'The login expired before the launch came back');
    }
    const platform = await runInOrganization(row.organization_id, () =>
      this.platforms.get(row.organization_id, row.platform_id),
    );
    if (!platform) throw new LtiRefusal(404, 'LTI_UNKNOWN_PLATFORM', "The login's platform is no longer registered");
    return { id: row.id, platform, nonce: row.nonce };
  }

  /** Uses the login's nonce, once: of two launches with it, only one gets here. */
  async use(login: PendingLogin): Promise<void> {
    const [, used]: [unknown[], number] = await runInOrganization(login.platform.organizationId, () =>
      this.dataSource.query(
        `UPDATE "${COHORTS_SCHEMA}".lti_logins SET used_at = $3, updated_at = now()
         WHERE organization_id = $1 AND id = $2 AND used_at IS NULL`,
        [login.platform.organizationId, login.id, this.clock.now()],
      ),
    );
    if (used === 0) throw new LtiRefusal(401, 'LTI_NONCE_REPLAYED', "This login's nonce was already used by a launch");
  }
}

function hashOf(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}
