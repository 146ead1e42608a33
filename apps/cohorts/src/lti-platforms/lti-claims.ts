/** The claims of LTI 1.3 and its services that Tend reads (IMS LTI Core 1.3 §5, Deep Linking 2.0, AGS 2.0). */
export const LTI_CLAIM = {
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  context: 'https://purl.imsglobal.org/spec/lti/claim/context',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  deepLinkingData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
  gradeService: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
} as const;

export const LTI_VERSION = '1.3.0';

export type LtiMessageType = 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';

/** The custom parameter a Tend deep link sets, so that the launch of the link knows its track. */
export const TRACK_PARAMETER = 'tend_track_id';

/** The roles of LTI's membership vocabulary that may pick what a course links to. */
export const INSTRUCTOR_ROLES = [
  'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  'http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper',
  'http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator',
  'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
];

/** A verified launch: what its id_token says, read once and typed. */
export interface LtiLaunch {
  organizationId: string;
  platformId: string;
  messageType: LtiMessageType;
  subject: string;
  email: string | null;
  name: string | null;
  roles: string[];
  context: { id: string; title: string | null } | null;
  custom: Record<string, string>;
  deploymentId: string;
  deepLinking: { returnUrl: string; data: string | null } | null;
  gradeService: { lineItemUrl: string | null; scopes: string[] } | null;
}
