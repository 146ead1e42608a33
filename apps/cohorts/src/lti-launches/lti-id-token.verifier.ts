import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify } from 'jose';
import { Clock } from '@tend/clock';
import { policedAgent } from '@tend/outbound';
import { CohortsConfig } from '../cohorts.config';
import { LtiPlatform } from '../lti-platforms/lti-platform.entity';
import { LTI_CLAIM, LTI_VERSION, LtiLaunch, LtiMessageType } from '../lti-platforms/lti-claims';
import { LtiRefusal } from '../lti-platforms/lti-refusal';

/** A platform's keys are kept this long; a token with a kid not yet seen refetches at once (a rotation), at most every 30 s. */
const KEY_CACHE_MAX_AGE_MS = 10 * 60_000;

const MESSAGE_TYPES: readonly string[] = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] satisfies LtiMessageType[];

type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * Verifies a launch's id_token (IMS Security Framework §5.1.3) against the keys its platform
 * publishes, fetched through the outbound address rules: signature (RS256 only), iss, aud (and
 * azp when there are several), exp and iat by Tend's clock, the login's nonce and a registered
 * deployment. Each failure has its own code, for the platform's admin.
 */
@Injectable()
export class LtiIdTokenVerifier {
  private readonly keySets = new Map<string, RemoteKeySet>();

  constructor(
    private readonly config: CohortsConfig,
    private readonly clock: Clock,
  ) {}

  async verify(platform: LtiPlatform, idToken: string, nonce: string): Promise<LtiLaunch> {
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(idToken, this.keySetOf(platform.jwksUrl), {
        algorithms: ['RS256'],
        issuer: platform.issuer,
        audience: platform.clientId,
        currentDate: this.clock.now(),
        clockTolerance: 30,
        requiredClaims: ['exp', 'iat', 'sub', 'nonce'],
      }));
    } catch (error) {
      throw refusalOf(error);
    }
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (audiences.length > 1 && claims.azp !== platform.clientId) {
      throw new LtiRefusal(401, 'LTI_WRONG_AUDIENCE', 'The id_token names several audiences and Tend is not its azp');
    }
    if (claims.nonce !== nonce)
      throw new LtiRefusal(401, 'LTI_NONCE_MISMATCH', "The id_token carries another login's nonce");
    const deploymentId = claims[LTI_CLAIM.deploymentId];
    if (typeof deploymentId !== 'string' || !platform.deploymentIds.includes(deploymentId)) {
      throw new LtiRefusal(403, 'LTI_UNKNOWN_DEPLOYMENT', 'The deployment id is not one registered for this platform');
    }
    const messageType = claims[LTI_CLAIM.messageType];
    if (
      claims[LTI_CLAIM.version] !== LTI_VERSION ||
      typeof messageType !== 'string' ||
      !MESSAGE_TYPES.includes(messageType)
    ) {
      throw new LtiRefusal(
        400,
        'LTI_UNSUPPORTED_MESSAGE',
        'Tend takes LTI 1.3.0 resource link and deep linking requests',
      );
    }
    return launchOf(platform, claims, messageType as LtiMessageType, deploymentId);
  }

  private keySetOf(jwksUrl: string): RemoteKeySet {
    let keySet = this.keySets.get(jwksUrl);
    if (!keySet) {
      keySet = createRemoteJWKSet(new URL(jwksUrl), {
        // Checked again when connecting, after DNS: the URL was public when registered, its name may not be now.
        agent: policedAgent(jwksUrl, { allowLoopback: this.config.ALLOW_LOOPBACK_IDENTITY_PROVIDERS }),
        cacheMaxAge: KEY_CACHE_MAX_AGE_MS,
        cooldownDuration: 30_000,
        timeoutDuration: 5_000,
      });
      this.keySets.set(jwksUrl, keySet);
    }
    return keySet;
  }
}

function refusalOf(error: unknown): LtiRefusal {
  if (error instanceof errors.JWTExpired) return new LtiRefusal(401, 'LTI_TOKEN_EXPIRED', 'The id_token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud')
      return new LtiRefusal(401, 'LTI_WRONG_AUDIENCE', "The id_token is not for Tend's client id");
    if (error.claim === 'iss')
      return new LtiRefusal(401, 'LTI_WRONG_ISSUER', 'The id_token is not of the registered issuer');
    return new LtiRefusal(401, 'LTI_INVALID_TOKEN', `The id_token's ${error.claim} claim is not valid`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return new LtiRefusal(401, 'LTI_BAD_SIGNATURE', 'The id_token is not signed with a key the platform publishes');
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return new LtiRefusal(502, 'LTI_PLATFORM_UNREACHABLE', "The platform's keys could not be read");
  }
  if (error instanceof errors.JOSEError)
    return new LtiRefusal(401, 'LTI_INVALID_TOKEN', 'The id_token is not a valid JWT');
  // A refused address or a connection that failed: the platform's keys are out of reach.
  return new LtiRefusal(502, 'LTI_PLATFORM_UNREACHABLE', "The platform's keys could not be read");
}

function launchOf(
  platform: LtiPlatform,
  claims: JWTPayload,
  messageType: LtiMessageType,
  deploymentId: string,
): LtiLaunch {
  const context = objectClaim(claims[LTI_CLAIM.context]);
  const settings = objectClaim(claims[LTI_CLAIM.deepLinkingSettings]);
  const grades = objectClaim(claims[LTI_CLAIM.gradeService]);
  const custom = objectClaim(claims[LTI_CLAIM.custom]) ?? {};
  const roles = claims[LTI_CLAIM.roles];
  const name =
    text(claims.name) ?? ([text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') || null);
  const returnUrl = settings && text(settings.deep_link_return_url);
  if (messageType === 'LtiDeepLinkingRequest' && !(returnUrl && /^https?:\/\//i.test(returnUrl))) {
    throw new LtiRefusal(
      400,
      'LTI_BAD_REQUEST',
      'A deep linking request needs an http(s) deep_linking_settings.deep_link_return_url',
    );
  }
  return {
    organizationId: platform.organizationId,
    platformId: platform.id,
    messageType,
    subject: String(claims.sub),
    email: text(claims.email),
    name,
    roles: Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [],
    context: context && text(context.id) ? { id: String(context.id), title: text(context.title) } : null,
    custom: Object.fromEntries(
      Object.entries(custom).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    ),
    deploymentId,
    deepLinking: returnUrl ? { returnUrl, data: text(settings?.data) } : null,
    gradeService: grades
      ? {
          lineItemUrl: text(grades.lineitem),
          scopes: Array.isArray(grades.scope)
            ? grades.scope.filter((scope): scope is string => typeof scope === 'string')
            : [],
        }
      : null,
  };
}

function objectClaim(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
