import {
  InvalidScimPatchOp,
  InvalidScimPatchRequest,
  NoPathInScimPatchOp,
  patchBodyValidation,
  scimPatch,
  ScimPatch,
  ScimResource,
} from 'scim-patch';
import { ScimErrors } from './scim-error';

/**
 * Applies a PatchOp request (RFC 7644 §3.5.2) to a resource as Tend shows it, with scim-patch,
 * which also reads Entra ID's filtered paths (`emails[type eq "work"].value`,
 * `members[value eq "..."]`) and its capitalised `Add`/`Replace`/`Remove`.
 */
export function patched<T extends object>(resource: T, body: unknown): T {
  try {
    patchBodyValidation(body as ScimPatch);
    const request = body as ScimPatch;
    return scimPatch(structuredClone(resource) as unknown as ScimResource, request.Operations) as unknown as T;
  } catch (error) {
    if (error instanceof InvalidScimPatchRequest) throw ScimErrors.invalidSyntax(error.message);
    if (error instanceof NoPathInScimPatchOp) throw ScimErrors.noTarget(error.message);
    if (error instanceof InvalidScimPatchOp) throw ScimErrors.invalidPath(error.message);
    if (error instanceof Error) throw ScimErrors.invalidValue(error.message);
    throw error;
  }
}
