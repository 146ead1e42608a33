import { ENTERPRISE_USER_SCHEMA } from './scim-schemas';

type Resource = Record<string, unknown>;

/** RFC 7643 §7: returned whatever the client asks to leave out. */
const ALWAYS_RETURNED = ['id', 'schemas'];

const CORE_URN = /^urn:ietf:params:scim:schemas:core:2\.0:(?:User|Group):/i;

/**
 * An attribute name as a path of keys: `name.givenName`, a core URN-qualified name, or one of the
 * enterprise extension's (`urn:...:enterprise:2.0:User:manager`, or the extension itself).
 */
function pathOf(name: string): string[] {
  const trimmed = name.trim();
  if (trimmed.toLowerCase().startsWith(ENTERPRISE_USER_SCHEMA.toLowerCase())) {
    const rest = trimmed.slice(ENTERPRISE_USER_SCHEMA.length).replace(/^:/, '');
    return [ENTERPRISE_USER_SCHEMA, ...(rest ? rest.split('.') : [])];
  }
  return trimmed.replace(CORE_URN, '').split('.');
}

function pathsOf(list: string | undefined): string[][] {
  return (list ?? '')
    .split(',')
    .filter((name) => name.trim() !== '')
    .map(pathOf);
}

function keyOf(resource: Resource, name: string): string | undefined {
  return Object.keys(resource).find((key) => key.toLowerCase() === name.toLowerCase());
}

function pick(value: unknown, paths: string[][]): unknown {
  if (Array.isArray(value)) return value.map((item) => pick(item, paths));
  if (typeof value !== 'object' || value === null) return value;
  const resource = value as Resource;
  const picked: Resource = {};
  for (const [first, ...rest] of paths) {
    const key = keyOf(resource, first);
    if (key === undefined) continue;
    const sub = paths.filter((path) => path[0].toLowerCase() === first.toLowerCase()).map((path) => path.slice(1));
    picked[key] = rest.length === 0 || sub.some((path) => path.length === 0) ? resource[key] : pick(resource[key], sub);
  }
  return picked;
}

function omit(value: unknown, path: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => omit(item, path));
  if (typeof value !== 'object' || value === null) return value;
  const resource = { ...(value as Resource) };
  const key = keyOf(resource, path[0]);
  if (key === undefined) return resource;
  if (path.length === 1) delete resource[key];
  else resource[key] = omit(resource[key], path.slice(1));
  return resource;
}

/** RFC 7644 §3.4.2.5: `attributes` keeps only those named (and what is always returned); `excludedAttributes` drops those named. */
export function selectAttributes(
  resource: Resource,
  query: { attributes?: string; excludedAttributes?: string },
): Resource {
  const wanted = pathsOf(query.attributes);
  if (wanted.length > 0) return pick(resource, [...ALWAYS_RETURNED.map((name) => [name]), ...wanted]) as Resource;
  return pathsOf(query.excludedAttributes)
    .filter((path) => !(path.length === 1 && ALWAYS_RETURNED.includes(path[0])))
    .reduce<Resource>((kept, path) => omit(kept, path) as Resource, resource);
}
