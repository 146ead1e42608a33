import { IsString, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { DomainError } from './domain-error';
import { InputValidationPipe } from './input-validation.pipe';

class CardInput {
  @IsString()
  @MaxLength(10)
  front!: string;
}

class LessonInput {
  @IsString()
  title!: string;

  @ValidateNested({ each: true })
  @Type(() => CardInput)
  cards!: CardInput[];
}

const pipe = new InputValidationPipe();
// How Nest's GraphQL layer hands an `@Args('input')` argument to a pipe.
const asInput = { type: 'body', metatype: LessonInput, data: 'input' } as const;

async function refusal(value: unknown): Promise<DomainError> {
  try {
    await pipe.transform(value, asInput);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('the input was accepted');
}

describe('input checked at the edge', () => {
  it('passes valid input through as an instance of its class', async () => {
    const input = await pipe.transform({ title: 'Hello', cards: [{ front: 'Hi' }] }, asInput);
    expect(input).toBeInstanceOf(LessonInput);
  });

  it('names the nested field at fault', async () => {
    const error = await refusal({ title: 'Hello', cards: [{ front: 'far too long for a card' }] });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.cards.0.front' });
  });

  it('refuses a NUL character, which Postgres cannot store, wherever it is', async () => {
    expect(await refusal({ title: 'Hel\u0000lo', cards: [] })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.title',
    });
    expect(await refusal({ title: 'Hello', cards: [{ front: '\u0000' }] })).toMatchObject({
      field: 'input.cards.0.front',
    });
  });

  it('refuses broken Unicode (a lone surrogate)', async () => {
    expect(await refusal({ title: '\ud800', cards: [] })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.title',
    });
  });

  it('leaves the context and the parent object alone, at once', () => {
    const context: Record<string, unknown> = { note: '\u0000' };
    context.self = context;
    expect(pipe.transform(context, { type: 'custom' })).toBe(context);
  });

  it('accepts any well-formed text, emoji and right-to-left scripts included', async () => {
    await expect(pipe.transform({ title: '😀 שלום 中文', cards: [] }, asInput)).resolves.toBeInstanceOf(LessonInput);
  });
});
