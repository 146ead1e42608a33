import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { Args, ID } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { badInput } from './domain-error';

@Injectable()
class ParseIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUUID(value)) return value.toLowerCase();
    throw badInput(metadata.data ?? 'id', 'is not a Tend id');
  }
}

@Injectable()
class ParseIdListPipe implements PipeTransform<unknown, string[]> {
  transform(value: unknown, metadata: ArgumentMetadata): string[] {
    const field = metadata.data ?? 'ids';
    if (!Array.isArray(value)) throw badInput(field, 'must be a list of Tend ids');
    return value.map((item, index) => {
      if (typeof item === 'string' && isUUID(item)) return item.toLowerCase();
      throw badInput(`${field}.${index}`, 'is not a Tend id');
    });
  }
}

/** An `ID!` argument that must be one of our uuids; anything else is BAD_USER_INPUT before SQL sees it. */
export const IdArg = (name: string) => Args(name, { type: () => ID }, ParseIdPipe);

@Injectable()
class ParseOptionalIdPipe implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown, metadata: ArgumentMetadata): string | undefined {
    return value === undefined || value === null ? undefined : new ParseIdPipe().transform(value, metadata);
  }
}

/** An optional `ID` argument. */
export const OptionalIdArg = (name: string) => Args(name, { type: () => ID, nullable: true }, ParseOptionalIdPipe);

/** A `[ID!]!` argument. */
export const IdListArg = (name: string) => Args(name, { type: () => [ID] }, ParseIdListPipe);
