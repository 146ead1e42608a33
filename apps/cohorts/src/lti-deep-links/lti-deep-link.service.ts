import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { Clock } from '@tend/clock';
import { runAcrossTenants, runInOrganization } from '@tend/database';
import { COHORTS_SCHEMA } from '../cohorts.data-source';
import { INSTRUCTOR_ROLES, LTI_CLAIM, LTI_VERSION, LtiLaunch, TRACK_PARAMETER } from '../lti-platforms/lti-claims';
import { LtiRefusal } from '../lti-platforms/lti-refusal';
import { LtiPlatformService } from '../lti-platforms/lti-platform.service';
import { LTI_TOOL_ALGORITHM, LtiToolKeyService } from '../lti-tool-keys/lti-tool-key.service';
import { autoSubmittingFormPage, trackPickerPage } from './lti-pages';

/** The instructor picks within this long; a page left open longer asks for a new launch. */
const PICK_LIFETIME_MS = 60 * 60_000;

/** The line item a linked track's scores go to: a lesson's score out of 100 (README "LTI 1.3 Advantage"). */
export const SCORE_MAXIMUM = 100;

/**
 * Deep Linking 2.0: an instructor's launch shows the organization's published tracks; the one
 * they pick goes back to the platform as an LtiDeepLinkingResponse signed with the organization's
 * tool key, an LTI resource link whose launch carries the track's id as a custom parameter.
 */
@Injectable()
export class LtiDeepLinkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly platforms: LtiPlatformService,
    private readonly toolKeys: LtiToolKeyService,
    private readonly clock: Clock,
  ) {}

  /** The picker page of a deep linking launch, for instructors of the course only. */
  async picker(launch: LtiLaunch, publicUrl: string): Promise<string> {
    if (!launch.deepLinking) throw new LtiRefusal(400, 'LTI_BAD_REQUEST', 'This launch is not a deep linking request');
    if (!launch.roles.some((role) => INSTRUCTOR_ROLES.includes(role))) {
      throw new LtiRefusal(403, 'LTI_NOT_AN_INSTRUCTOR', 'Only an instructor of the course links it to a track');
    }
    const selection = randomBytes(32).toString('base64url');
    const { organizationId } = launch;
    const tracks: { track_id: string; title: string }[] = await runInOrganization(organizationId, async () => {
      await this.dataSource.query(
        `INSERT INTO "${COHORTS_SCHEMA}".lti_deep_link_requests
           (organization_id, platform_id, deployment_id, return_url, data, selection_hash, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          organizationId,
          launch.platformId,
          launch.deploymentId,
          launch.deepLinking?.returnUrl,
          launch.deepLinking?.data,
          hashOf(selection),
          new Date(this.clock.now().getTime() + PICK_LIFETIME_MS),
        ],
      );
      // A pick a day past its expiry can no longer be sent: it need not be kept.
      await this.dataSource.query(
        `DELETE FROM "${COHORTS_SCHEMA}".lti_deep_link_requests WHERE organization_id = $1 AND expires_at < $2`,
        [organizationId, new Date(this.clock.now().getTime() - 86_400_000)],
      );
      return this.dataSource.query(
        `SELECT track_id, title FROM "${COHORTS_SCHEMA}".published_tracks
         WHERE organization_id = $1 AND archived_at IS NULL ORDER BY title, track_id LIMIT 500`,
        [organizationId],
      );
    });
    return trackPickerPage(
      `${publicUrl}/lti/deep-links`,
      selection,
      tracks.map((track) => ({ trackId: track.track_id, title: track.title })),
    );
  }

  /** The signed response for the picked track, as the page that posts it to the platform. */
  async respond(selection: string | undefined, trackId: string | undefined, publicUrl: string): Promise<string> {
    if (!selection || !trackId) throw new LtiRefusal(400, 'LTI_BAD_REQUEST', 'A pick posts its selection and track_id');
    const [request]: DeepLinkRequestRow[] = await runAcrossTenants('LTI deep link lookup by selection', () =>
      this.dataSource.query(
        `SELECT id, organization_id, platform_id, deployment_id, return_url, data, expires_at, used_at
         FROM "${COHORTS_SCHEMA}".lti_deep_link_requests WHERE selection_hash = $1`,
        [hashOf(selection)],
      ),
    );
    if (!request) throw new LtiRefusal(401, 'LTI_LOGIN_UNKNOWN', 'Tend showed no picker with this selection');
    if (request.used_at) throw new LtiRefusal(401, 'LTI_NONCE_REPLAYED', 'This pick was already sent to the platform');
    if (request.expires_at.getTime() <= this.clock.now().getTime()) {
      throw new LtiRefusal(401, 'LTI_LOGIN_EXPIRED', 'The picker expired; launch the deep link again');
    }
    const organizationId = request.organization_id;
    return runInOrganization(organizationId, async () => {
      const [track]: { track_id: string; title: string }[] = /^[0-9a-f-]{36}$/i.test(trackId)
        ? await this.dataSource.query(
            `SELECT track_id, title FROM "${COHORTS_SCHEMA}".published_tracks
             WHERE organization_id = $1 AND track_id = $2 AND archived_at IS NULL`,
            [organizationId, trackId],
          )
        : [];
      if (!track) throw new LtiRefusal(404, 'LTI_UNKNOWN_TRACK', 'The pick names no published track of Tend');
      const platform = await this.platforms.get(organizationId, request.platform_id);
      if (!platform) throw new LtiRefusal(404, 'LTI_UNKNOWN_PLATFORM', 'The platform is no longer registered');
      const [, used]: [unknown[], number] = await this.dataSource.query(
        `UPDATE "${COHORTS_SCHEMA}".lti_deep_link_requests SET used_at = $3, updated_at = now()
         WHERE organization_id = $1 AND id = $2 AND used_at IS NULL`,
        [organizationId, request.id, this.clock.now()],
      );
      if (used === 0) throw new LtiRefusal(401, 'LTI_NONCE_REPLAYED', 'This pick was already sent to the platform');
      const key = await this.toolKeys.signingKey(organizationId);
      const now = Math.floor(this.clock.now().getTime() / 1000);
      const jwt = await new SignJWT({
        nonce: randomBytes(16).toString('base64url'),
        [LTI_CLAIM.deploymentId]: request.deployment_id,
        [LTI_CLAIM.messageType]: 'LtiDeepLinkingResponse',
        [LTI_CLAIM.version]: LTI_VERSION,
        [LTI_CLAIM.contentItems]: [
          {
            type: 'ltiResourceLink',
            title: track.title,
            url: `${publicUrl}/lti/launch`,
            custom: { [TRACK_PARAMETER]: track.track_id },
            lineItem: { scoreMaximum: SCORE_MAXIMUM, label: track.title, resourceId: track.track_id },
          },
        ],
        ...(request.data === null ? {} : { [LTI_CLAIM.deepLinkingData]: request.data }),
      })
        .setProtectedHeader({ alg: LTI_TOOL_ALGORITHM, kid: key.kid, typ: 'JWT' })
        .setIssuer(platform.clientId)
        .setAudience(platform.issuer)
        .setIssuedAt(now)
        .setExpirationTime(now + 5 * 60)
        .sign(key.privateKey);
      return autoSubmittingFormPage(request.return_url, jwt);
    });
  }
}

interface DeepLinkRequestRow {
  id: string;
  organization_id: string;
  platform_id: string;
  deployment_id: string;
  return_url: string;
  data: string | null;
  expires_at: Date;
  used_at: Date | null;
}

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
