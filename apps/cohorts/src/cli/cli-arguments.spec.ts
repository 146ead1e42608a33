import { CliUsageError, localTokenSettings, parseCliArguments } from './cli-arguments';

const ORG = '2c4c1e4a-7f0b-4c38-9b52-6d1e9a3f0b11';

function usageError(argv: string[]): string {
  try {
    parseCliArguments(argv);
  } catch (error) {
    if (error instanceof CliUsageError) return error.message;
    throw error;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseCliArguments', () => {
  it('reads migrate', () => {
    expect(parseCliArguments(['migrate'])).toEqual({ command: 'migrate' });
  });

  it('reads org create with separate and inline values', () => {
    expect(
      parseCliArguments([
        'org',
        'create',
        '--name',
        'Acme Stores',
        '--admin-email=hr@acme.example',
        '--admin-name',
        'Hana HR',
        '--timezone',
        'Europe/Paris',
      ]),
    ).toEqual({
      command: 'org create',
      name: 'Acme Stores',
      adminEmail: 'hr@acme.example',
      adminName: 'Hana HR',
      timezone: 'Europe/Paris',
    });
  });

  it('leaves the optional org create options out when absent', () => {
    expect(parseCliArguments(['org', 'create', '--admin-email', 'hr@acme.example', '--name', 'Acme'])).toEqual({
      command: 'org create',
      name: 'Acme',
      adminEmail: 'hr@acme.example',
      adminName: undefined,
      timezone: undefined,
    });
  });

  it('reads token, normalizing the organization id', () => {
    expect(parseCliArguments(['token', '--org', ORG.toUpperCase(), '--email', 'Kai@acme.example'])).toEqual({
      command: 'token',
      organizationId: ORG,
      email: 'Kai@acme.example',
    });
  });

  it('reads sign-in-link, which the demo runs for each of its people', () => {
    expect(parseCliArguments(['sign-in-link', '--org', ORG, '--email', 'kai@acme.example'])).toEqual({
      command: 'sign-in-link',
      organizationId: ORG,
      email: 'kai@acme.example',
    });
  });

  it.each([
    [[], 'a command is required'],
    [['org'], 'unknown command: org'],
    [['org', 'delete'], 'unknown command: org delete'],
    [['migrate', 'now'], 'unexpected argument: now'],
    [['org', 'create', '--admin-email', 'hr@acme.example'], '--name is required'],
    [['org', 'create', '--name', 'Acme'], '--admin-email is required'],
    [['org', 'create', '--name'], '--name needs a value'],
    [['org', 'create', '--name', '--admin-email', 'hr@acme.example'], '--name needs a value'],
    [['org', 'create', '--name', 'A', '--name', 'B', '--admin-email', 'e@x.example'], '--name is given twice'],
    [['org', 'create', '--name', 'A', '--admin-email', 'e@x.example', '--plan', 'pro'], 'unknown option: --plan'],
    [['token', '--org', 'acme', '--email', 'kai@acme.example'], '--org: is not a Tend id'],
    [['token', '--org', ORG, '--email', 'kai'], '--email: must be an email address'],
    [['token', '--org', ORG], '--email is required'],
    [['sign-in-link', '--org', ORG, '--email', 'kai'], '--email: must be an email address'],
  ])('refuses %j: %s', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });

  it('accepts an empty inline value, for the validators to judge', () => {
    expect(parseCliArguments(['org', 'create', '--name=', '--admin-email', 'hr@acme.example'])).toMatchObject({
      name: '',
    });
  });
});

describe('localTokenSettings', () => {
  it('defaults to the workspace key and 30 days', () => {
    expect(localTokenSettings({})).toEqual({
      keyFile: '.tend/local-signing-key.json',
      expiresInSeconds: 30 * 24 * 60 * 60,
    });
  });

  it('reads the key file and lifetime from the environment', () => {
    expect(localTokenSettings({ TEND_LOCAL_KEY_FILE: '/tmp/key.json', TEND_TOKEN_TTL_SECONDS: '3600' })).toEqual({
      keyFile: '/tmp/key.json',
      expiresInSeconds: 3600,
    });
  });

  it.each(['0', '-5', '1.5', 'forever'])('refuses the lifetime %j', (ttl) => {
    expect(() => localTokenSettings({ TEND_TOKEN_TTL_SECONDS: ttl })).toThrow(/TEND_TOKEN_TTL_SECONDS/);
  });
});
