import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** Competency tags (empathy, ownership ...): trimmed, lower case, at most 20 of 40 characters. */
export const TagList = () =>
  applyDecorators(
    IsOptional(),
    ArrayMaxSize(20),
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value) ? value.map((tag) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag)) : value,
    ),
    IsString({ each: true }),
    IsNotEmpty({ each: true, message: 'tags must not be empty' }),
    MaxLength(40, { each: true }),
  );
