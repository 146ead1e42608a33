import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import validateStatement103 from 'xapi-validation';
import statement200Schema from '../xapi/statement-2.0.0.schema.json';

/**
 * What an LRS would find wrong with a statement, per the version it was sent as:
 * Learning Locker's conformance-tested `xapi-validation` for 1.0.3 (it knows no 2.0
 * properties, so it refuses `contextAgents` there, as a 1.0.3 LRS must), and for 2.0.0
 * the JSON Schema in apps/scheduler/xapi/ with the rules a schema cannot state. Empty
 * when the statement is valid.
 */
export function xapiStatementProblems(statement: unknown, version: string): string[] {
  if (version === '1.0.3') {
    return validateStatement103(statement).map((warning) => {
      const { path, constructor } = warning as unknown as { path?: string[]; constructor: { name: string } };
      return `${(path ?? []).join('.')} ${constructor.name}`;
    });
  }
  if (version !== '2.0.0') return [`unknown version ${version}`];
  const problems: string[] = [];
  const validate = validator();
  if (!validate(statement)) {
    problems.push(...(validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`));
  }
  const score = (statement as { result?: { score?: { raw?: number; min?: number; max?: number } } }).result?.score;
  if (score?.min !== undefined && score.max !== undefined && score.min >= score.max) {
    problems.push('/result/score min must be below max');
  }
  if (score?.raw !== undefined && ((score.min ?? -Infinity) > score.raw || score.raw > (score.max ?? Infinity))) {
    problems.push('/result/score raw must lie within min..max');
  }
  return problems;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // Strict but for the `required` that picks one identifier out of properties declared beside it.
  compiled ??= new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }).compile(
    statement200Schema,
  );
  return compiled;
}
