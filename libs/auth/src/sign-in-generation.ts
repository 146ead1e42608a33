/**
 * The gateway keeps cohorts' answer to "may this token's person sign in, and in which role" for a
 * while, so a request does not wait on cohorts each time. Cohorts increments the organization's
 * generation in Redis after every commit that changed one of its people, before the change's own
 * response leaves; the gateway reads the generation on every request and trusts a kept answer only
 * under the generation it was given in. So a deactivation or a role change applies from the next
 * request on, at every gateway replica.
 */
export function signInGenerationKey(redisPrefix: string, organizationId: string): string {
  return `${redisPrefix}:sign-in-generation:${organizationId}`;
}
