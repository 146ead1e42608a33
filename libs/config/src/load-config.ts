import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/**
 * Reads a typed, validated configuration class from the environment. Only
 * properties marked with `@Expose()` are read, so unrelated variables never
 * leak into the object. A bad value stops the start with a message that names
 * the variable, not with a stack trace from deep inside a driver.
 */
export function loadConfig<T extends object>(configClass: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(configClass, present, {
    excludeExtraneousValues: true,
    exposeDefaultValues: true,
    enableImplicitConversion: true,
  });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigurationError(`Invalid configuration:\n${errors.map(describeError).join('\n')}`);
  }
  return config;
}

function describeError(error: ValidationError): string {
  const reasons = Object.values(error.constraints ?? {})
    .map((reason) => reason.replace(new RegExp(`^${error.property} `), ''))
    .join('; ');
  return `  - ${error.property}: ${reasons}`;
}

/** For a process's entry point: a bad configuration prints one clear message and exits with code 1. */
export function loadConfigOrExit<T extends object>(configClass: new () => T): T {
  try {
    return loadConfig(configClass);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
