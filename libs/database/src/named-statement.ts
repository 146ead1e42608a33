import type { EntityManager } from 'typeorm';

/**
 * A statement whose parameters are named in its text (`$personIds::uuid[]`) and handed over as one
 * object, so no value can take another's place. Postgres runs the text with `$1`, `$2` ... in the
 * order `names` gives; the text and every name in it are checked once, when the statement is made.
 */
export class NamedStatement<Parameters extends object, Row = unknown> {
  /** The text Postgres runs, the names replaced by their numbers. */
  readonly sql: string;

  constructor(
    named: string,
    private readonly names: readonly (keyof Parameters & string)[],
  ) {
    const numbers = new Map<string, number>(names.map((name, index) => [name, index + 1]));
    const used = new Set<string>();
    this.sql = named.replace(/\$([A-Za-z_]\w*)/g, (_, name: string) => {
      const number = numbers.get(name);
      if (number === undefined) throw new Error(`$${name} is not among the statement's parameters`);
      used.add(name);
      return `$${number}`;
    });
    const unused = names.filter((name) => !used.has(name));
    if (unused.length > 0) throw new Error(`parameters not in the statement's text: ${unused.join(', ')}`);
  }

  /** The values in the order of their numbers. */
  values(parameters: Parameters): unknown[] {
    return this.names.map((name) => parameters[name]);
  }

  run(manager: Pick<EntityManager, 'query'>, parameters: Parameters): Promise<Row[]> {
    return manager.query(this.sql, this.values(parameters));
  }
}
