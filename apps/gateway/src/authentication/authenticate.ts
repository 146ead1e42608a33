import { GraphQLError } from 'graphql';
import { Principal } from '@tend/auth';
import { DomainError } from '@tend/graphql';
import { AccessTokenVerifier } from './access-token.verifier';
import { ApiKeyVerifier, carriesApiKey } from './api-key.verifier';
import { IdentityProviderVerifier } from './identity-provider.verifier';
import { admitAllowedOperation, OperationRequest } from './operation-allow-list';

export interface Verifiers {
  accessTokens: AccessTokenVerifier;
  apiKeys: ApiKeyVerifier;
  identityProviders: IdentityProviderVerifier;
}

/** What authentication reads of an HTTP request, whichever router received it. */
export interface CallerRequest extends OperationRequest {
  authorization: string | undefined;
}

/**
 * Every operation of the API needs a caller: an LMS with an API key, or a person
 * with a JWT, signed by the organization's identity provider or by the local key
 * when it carries the local issuer. A missing or bad credential stops the
 * request before planning, and so does an operation outside a restricted API
 * client's allow-list.
 */
export async function authenticate(
  { accessTokens, apiKeys, identityProviders }: Verifiers,
  request: CallerRequest,
): Promise<Principal> {
  const { authorization } = request;
  try {
    if (carriesApiKey(authorization)) {
      const { principal, allowList } = await apiKeys.verify(authorization);
      if (allowList) admitAllowedOperation(allowList, request);
      return principal;
    }
    if (identityProviders.handles(authorization)) return await identityProviders.verify(authorization);
    return await accessTokens.verify(authorization);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
  }
}
