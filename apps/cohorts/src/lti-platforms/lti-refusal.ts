/**
 * The stable codes a refused LTI request answers with, in a JSON body `{ error, message }`, so a
 * platform's admin (and a test) can tell one refusal from another (README "LTI 1.3 Advantage").
 */
export type LtiRefusalCode =
  | 'LTI_BAD_REQUEST'
  | 'LTI_UNKNOWN_PLATFORM'
  | 'LTI_UNKNOWN_DEPLOYMENT'
  | 'LTI_STATE_MISMATCH'
  | 'LTI_LOGIN_UNKNOWN'
  | 'LTI_LOGIN_EXPIRED'
  | 'LTI_NONCE_MISMATCH'
  | 'LTI_NONCE_REPLAYED'
  | 'LTI_BAD_SIGNATURE'
  | 'LTI_WRONG_ISSUER'
  | 'LTI_WRONG_AUDIENCE'
  | 'LTI_TOKEN_EXPIRED'
  | 'LTI_INVALID_TOKEN'
  | 'LTI_UNSUPPORTED_MESSAGE'
  | 'LTI_UNKNOWN_TRACK'
  | 'LTI_PERSON_DEACTIVATED'
  | 'LTI_NOT_AN_INSTRUCTOR'
  | 'LTI_PLATFORM_UNREACHABLE';

export class LtiRefusal extends Error {
  override readonly name = 'LtiRefusal';

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 502,
    readonly code: LtiRefusalCode,
    message: string,
  ) {
    super(message);
  }

  body(): { error: LtiRefusalCode; message: string } {
    return { error: this.code, message: this.message };
  }
}
