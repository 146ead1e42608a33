import { Injectable } from '@nestjs/common';
import { Role } from '@tend/auth';
import { runInOrganization } from '@tend/database';
import { LtiDeepLinkService } from '../lti-deep-links/lti-deep-link.service';
import { TRACK_PARAMETER } from '../lti-platforms/lti-claims';
import { LtiIdTokenVerifier } from './lti-id-token.verifier';
import { LtiLearnerService } from './lti-learner.service';
import { LtiLoginService } from './lti-login.service';
import { LtiRefusal } from '../lti-platforms/lti-refusal';

/** Who a launch signs in, and where in the web app they land (README "LTI 1.3 Advantage"). */
export interface LtiSession {
  organizationId: string;
  personId: string;
  role: Role;
  landing: string;
}

/** A launch signs someone in, or shows a page of the tool (a deep link's track picker). */
export type LaunchOutcome = { kind: 'session'; session: LtiSession } | { kind: 'page'; html: string };

export interface LaunchForm {
  id_token?: string;
  state?: string;
}

/**
 * Ends a login with its launch: the login's state and nonce, the id_token verified against the
 * platform, then the message. A resource link signs the platform's user in as their Tend person,
 * enrolled in the linked track, and lands them on its first lesson; a deep linking request shows
 * an instructor the tracks to link.
 */
@Injectable()
export class LtiLaunchService {
  constructor(
    private readonly logins: LtiLoginService,
    private readonly idTokens: LtiIdTokenVerifier,
    private readonly learners: LtiLearnerService,
    private readonly deepLinks: LtiDeepLinkService,
  ) {}

  async launch(form: LaunchForm, cookieState: string | undefined, publicUrl: string): Promise<LaunchOutcome> {
    if (!form.id_token) throw new LtiRefusal(400, 'LTI_BAD_REQUEST', 'A launch posts an id_token and its state');
    const login = await this.logins.pending(form.state, cookieState);
    const launch = await this.idTokens.verify(login.platform, form.id_token, login.nonce);
    await this.logins.use(login);
    if (launch.messageType === 'LtiDeepLinkingRequest') {
      return { kind: 'page', html: await this.deepLinks.picker(launch, publicUrl) };
    }
    return runInOrganization(launch.organizationId, async () => {
      const track = await this.learners.trackFor(launch, launch.custom[TRACK_PARAMETER]);
      const person = await this.learners.personFor(launch);
      if (track) {
        // Announced before the enrollment, so the scheduler knows where scores go before any lesson is due.
        await this.learners.linkLineItem(launch, login.platform, person, track);
        await this.learners.enroll(launch, person, track);
      }
      // The web app's today, where the track's lesson of the day is one tap away.
      return {
        kind: 'session' as const,
        session: { organizationId: launch.organizationId, personId: person.id, role: person.role, landing: '/' },
      };
    });
  }
}
