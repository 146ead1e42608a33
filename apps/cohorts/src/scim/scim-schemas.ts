import SCIMMY from 'scimmy';

export const SCIM_BASE_PATH = '/scim/v2';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The User attributes Tend keeps; the rest of RFC 7643's User is not advertised, and is ignored when sent. */
const USER_ATTRIBUTES_NOT_KEPT = [
  'nickName',
  'profileUrl',
  'title',
  'preferredLanguage',
  'password',
  'phoneNumbers',
  'ims',
  'photos',
  'addresses',
  'groups',
  'entitlements',
  'roles',
  'x509Certificates',
];
const ENTERPRISE_ATTRIBUTES_NOT_KEPT = ['costCenter', 'organization', 'division'];

/** SCIMMY's definitions of RFC 7643's schemas, cut to what Tend keeps (copies: SCIMMY's own stay whole). */
const definitions = {
  user: SCIMMY.Schemas.User.definition.describe(`${SCIM_BASE_PATH}/Schemas`),
  enterpriseUser: SCIMMY.Schemas.EnterpriseUser.definition.describe(`${SCIM_BASE_PATH}/Schemas`),
  group: SCIMMY.Schemas.Group.definition.describe(`${SCIM_BASE_PATH}/Schemas`),
};

function withoutAttributes<T extends { attributes: { name: string }[] }>(schema: T, names: string[]): T {
  return { ...schema, attributes: schema.attributes.filter((attribute) => !names.includes(attribute.name)) };
}

/** RFC 7644 §4: /Schemas. */
export function schemaDefinitions(): Record<string, unknown>[] {
  return [
    withoutAttributes(definitions.user, USER_ATTRIBUTES_NOT_KEPT),
    withoutAttributes(definitions.enterpriseUser, ENTERPRISE_ATTRIBUTES_NOT_KEPT),
    definitions.group,
  ] as unknown as Record<string, unknown>[];
}

/** RFC 7644 §4: /ResourceTypes. */
export function resourceTypes(): Record<string, unknown>[] {
  const type = (id: string, endpoint: string, schema: string, extensions: string[]) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id,
    name: id,
    endpoint,
    description: id === 'User' ? 'A person of the organization' : 'A cohort with static members',
    schema,
    schemaExtensions: extensions.map((extension) => ({ schema: extension, required: false })),
    meta: { resourceType: 'ResourceType', location: `${SCIM_BASE_PATH}/ResourceTypes/${id}` },
  });
  return [type('User', '/Users', USER_SCHEMA, [ENTERPRISE_USER_SCHEMA]), type('Group', '/Groups', GROUP_SCHEMA, [])];
}

/** The most resources one list answers with, whatever `count` asks for. */
export const MAX_PAGE_SIZE = 200;

/** RFC 7644 §5: what this service provider supports. */
export function serviceProviderConfig(): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Organization SCIM token',
        description: 'A token an admin creates with createScimToken, sent as Authorization: Bearer <token>',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${SCIM_BASE_PATH}/ServiceProviderConfig` },
  };
}
