import { ConfigurationError, loadConfig } from './load-config';
import { ServiceConfig } from './service.config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/tend',
  REDIS_URL: 'redis://127.0.0.1:6379',
  GATEWAY_SIGNING_SECRET: 'x'.repeat(32),
};

describe("a service's configuration", () => {
  it('reads numbers and booleans from environment strings, with defaults for the rest', () => {
    const config = loadConfig(ServiceConfig, { ...valid, PORT: '4101', CLOCK_ADJUSTABLE: 'true' });
    expect(config).toMatchObject({ PORT: 4101, CLOCK_ADJUSTABLE: true, HOST: '127.0.0.1', REDIS_PREFIX: 'tend' });
  });

  it('ignores unrelated environment variables', () => {
    expect(loadConfig(ServiceConfig, { ...valid, PATH: '/usr/bin' })).not.toHaveProperty('PATH');
  });

  it('names each variable that is wrong', () => {
    const load = () =>
      loadConfig(ServiceConfig, {
        ...valid,
        DATABASE_URL: 'mysql://x',
        PORT: '70000',
        GATEWAY_SIGNING_SECRET: 'short',
      });
    expect(load).toThrow(ConfigurationError);
    expect(load).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(load).toThrow(/PORT: must not be greater than 65535/);
    expect(load).toThrow(/GATEWAY_SIGNING_SECRET: must be at least 32 characters/);
  });

  it('bounds database sessions by default, and refuses a limit too short to run anything', () => {
    expect(loadConfig(ServiceConfig, { ...valid, DATABASE_STATEMENT_TIMEOUT_MS: '5000' })).toMatchObject({
      DATABASE_STATEMENT_TIMEOUT_MS: 5000,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 60_000,
      DATABASE_CONNECT_TIMEOUT_MS: 10_000,
    });
    expect(() => loadConfig(ServiceConfig, { ...valid, DATABASE_CONNECT_TIMEOUT_MS: '0' })).toThrow(
      /DATABASE_CONNECT_TIMEOUT_MS: must not be less than 100/,
    );
  });

  it('refuses to start without a database', () => {
    expect(() => loadConfig(ServiceConfig, { ...valid, DATABASE_URL: undefined })).toThrow(/DATABASE_URL/);
  });
});
