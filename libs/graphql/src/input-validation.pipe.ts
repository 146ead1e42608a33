import { ArgumentMetadata, Injectable, PipeTransform, ValidationPipe } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { DomainError } from './domain-error';

/**
 * Validates every `@Args` input class at the edge. The first failure becomes a
 * BAD_USER_INPUT error that names the field at fault as the caller wrote it,
 * e.g. `input.questions.0.choices`.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  private readonly validation = new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    stopAtFirstError: true,
    exceptionFactory: (errors: ValidationError[]) => {
      const [path, message] = firstFailure(errors, []) ?? ['', 'is invalid'];
      return new DomainError('BAD_USER_INPUT', message, path);
    },
  });

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Global pipes also see the context and the parent object ('custom'), which ValidationPipe
    // passes through untouched; they are answered at once, because every field resolver's
    // parent and context come through here. Nest hands GraphQL arguments, which come from the
    // caller, to pipes as 'body'.
    if (metadata.type === 'custom') return value;
    return this.validated(value, metadata);
  }

  private async validated(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isArgument = metadata.type === 'body';
    const broken = isArgument ? firstIllFormedText(value, metadata.data ? [metadata.data] : []) : undefined;
    if (broken !== undefined) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `${broken || 'input'}: must be text without NUL characters or broken Unicode`,
        broken,
      );
    }
    try {
      return await this.validation.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const field = [metadata.data, error.field].filter(Boolean).join('.');
      throw new DomainError(error.code, `${field}: ${error.message}`, field);
    }
  }
}

function firstFailure(errors: ValidationError[], parents: string[]): [string, string] | undefined {
  return validationFailures(errors, parents)[0];
}

/**
 * Every failure class-validator found, as (path, message) in the order of the
 * input, e.g. `['lessons.0.minutes', 'a lesson takes 1 to 10 minutes']`: the
 * same wording the edge gives, for input that arrives inside a file.
 */
export function validationFailures(errors: ValidationError[], parents: string[] = []): [string, string][] {
  return errors.flatMap((error) => {
    const path = [...parents, error.property];
    const message = Object.values(error.constraints ?? {})[0];
    if (message) return [[path.join('.'), message.replace(new RegExp(`^${error.property} `), '')]];
    return validationFailures(error.children ?? [], path);
  });
}

/**
 * The path of the first string Postgres could not store (it refuses NUL) or that is
 * not well-formed UTF-16 (a lone surrogate), anywhere in the argument.
 */
export function firstIllFormedText(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') || !value.isWellFormed() ? path.join('.') : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = firstIllFormedText(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}
