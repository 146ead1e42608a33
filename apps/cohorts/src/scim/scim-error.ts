import { DomainError } from '@tend/graphql';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** RFC 7644 §3.12's scimType values that Tend answers with. */
export type ScimType =
  | 'invalidFilter'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'invalidValue'
  | 'noTarget'
  | 'uniqueness'
  | 'mutability'
  | 'tooMany';

/** A refusal as RFC 7644 §3.12 words it: an HTTP status, with scimType for a 400 or 409. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }

  body(): Record<string, unknown> {
    return {
      schemas: [SCIM_ERROR_SCHEMA],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.detail,
    };
  }
}

export const ScimErrors = {
  invalidFilter: (detail: string) => new ScimError(400, detail, 'invalidFilter'),
  invalidSyntax: (detail: string) => new ScimError(400, detail, 'invalidSyntax'),
  invalidValue: (detail: string) => new ScimError(400, detail, 'invalidValue'),
  invalidPath: (detail: string) => new ScimError(400, detail, 'invalidPath'),
  noTarget: (detail: string) => new ScimError(400, detail, 'noTarget'),
  notFound: (resource: string, id: string) => new ScimError(404, `${resource} ${id} not found`),
  uniqueness: (detail: string) => new ScimError(409, detail, 'uniqueness'),
};

/**
 * The people and cohort rules refuse in GraphQL's terms; a SCIM client reads the same refusal
 * as a SCIM error. `attributeOf` names the SCIM attribute for the input field at fault.
 */
export function scimErrorOf(error: DomainError, attributeOf: (field: string) => string = (field) => field): ScimError {
  switch (error.code) {
    case 'BAD_USER_INPUT': {
      const field = error.field?.replace(/^input\./, '');
      const detail = field ? `${attributeOf(field)}: ${error.message.replace(/^input\.\S+: /, '')}` : error.message;
      return ScimErrors.invalidValue(detail);
    }
    case 'NOT_FOUND':
      return error.field
        ? ScimErrors.invalidValue(`${attributeOf(error.field.replace(/^input\./, ''))}: ${error.message}`)
        : new ScimError(404, error.message);
    case 'CONFLICT':
      return /already exists/.test(error.message)
        ? ScimErrors.uniqueness(error.message)
        : new ScimError(409, error.message);
    default:
      return new ScimError(400, error.message);
  }
}

/** Runs `work` under the people and cohort rules, answering their refusals as SCIM errors. */
export async function asScim<T>(work: () => Promise<T>, attributeOf: (field: string) => string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw scimErrorOf(error, attributeOf);
    throw error;
  }
}
