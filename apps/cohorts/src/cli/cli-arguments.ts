import { isEmail, isUUID } from 'class-validator';

export const USAGE = `usage:
  cohorts migrate
  cohorts org create --name NAME --admin-email EMAIL [--admin-name NAME] [--timezone ZONE]
  cohorts token --org ORGANIZATION_ID --email EMAIL
  cohorts sign-in-link --org ORGANIZATION_ID --email EMAIL   (a one-time link to the web app, WEB_APP_URL)`;

/** A mistake in how the command was called; the caller sees the message and the usage. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export type CliCommand =
  | { command: 'migrate' }
  | { command: 'org create'; name: string; adminEmail: string; adminName?: string; timezone?: string }
  | { command: 'token'; organizationId: string; email: string }
  | { command: 'sign-in-link'; organizationId: string; email: string };

/** Reads `process.argv.slice(2)`; values are checked further by the same validators the API uses. */
export function parseCliArguments(argv: readonly string[]): CliCommand {
  const [first, second, ...rest] = argv;
  if (first === 'migrate') {
    parseOptions(argv.slice(1), [], []);
    return { command: 'migrate' };
  }
  if (first === 'org' && second === 'create') {
    const options = parseOptions(rest, ['name', 'admin-email'], ['admin-name', 'timezone']);
    return {
      command: 'org create',
      name: options.name,
      adminEmail: options['admin-email'],
      adminName: options['admin-name'],
      timezone: options.timezone,
    };
  }
  if (first === 'token' || first === 'sign-in-link') {
    const options = parseOptions(argv.slice(1), ['org', 'email'], []);
    if (!isUUID(options.org)) throw new CliUsageError('--org: is not a Tend id');
    if (!isEmail(options.email.trim())) throw new CliUsageError('--email: must be an email address');
    return { command: first, organizationId: options.org.toLowerCase(), email: options.email };
  }
  throw new CliUsageError(first === undefined ? 'a command is required' : `unknown command: ${argv.join(' ')}`);
}

/** `--option value` or `--option=value`, each at most once. */
function parseOptions<R extends string, O extends string>(
  args: readonly string[],
  required: readonly R[],
  optional: readonly O[],
): Record<R, string> & Partial<Record<O, string>> {
  const known: readonly string[] = [...required, ...optional];
  const values = new Map<string, string>();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new CliUsageError(`unexpected argument: ${arg}`);
    const [, name, inline] = match;
    if (!known.includes(name)) throw new CliUsageError(`unknown option: --${name}`);
    if (values.has(name)) throw new CliUsageError(`--${name} is given twice`);
    const value = inline ?? args[index + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new CliUsageError(`--${name} needs a value`);
    }
    if (inline === undefined) index++;
    values.set(name, value);
  }
  for (const name of required) {
    if (!values.has(name)) throw new CliUsageError(`--${name} is required`);
  }
  return Object.fromEntries(values) as Record<R, string> & Partial<Record<O, string>>;
}

export interface LocalTokenSettings {
  keyFile: string;
  expiresInSeconds: number;
}

const DEFAULT_KEY_FILE = '.tend/local-signing-key.json';
const DEFAULT_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

/** Where the local signing key lives and how long printed tokens last. */
export function localTokenSettings(env: NodeJS.ProcessEnv): LocalTokenSettings {
  const ttl = env.TEND_TOKEN_TTL_SECONDS;
  if (ttl !== undefined && ttl !== '' && !/^[1-9]\d*$/.test(ttl)) {
    throw new Error('TEND_TOKEN_TTL_SECONDS must be a whole number of seconds, at least 1');
  }
  return {
    keyFile: env.TEND_LOCAL_KEY_FILE || DEFAULT_KEY_FILE,
    expiresInSeconds: ttl ? Number(ttl) : DEFAULT_TOKEN_TTL_SECONDS,
  };
}
