/** The label of a request whose document did not parse or validate: its name, if any, is the caller's word only. */
export const INVALID_OPERATION = 'invalid';
/** The label of a valid operation without a name. */
export const ANONYMOUS_OPERATION = 'anonymous';
/** The label of every operation name after the first `limit` distinct ones. */
export const OTHER_OPERATIONS = 'other';

/**
 * Operation names as metric labels, bounded: the first `limit` distinct names a process sees keep
 * their own series, any later one is counted as `other`. Callers choose operation names, so without
 * a bound a client that names every request differently would grow the metrics without end.
 */
export class OperationLabels {
  private readonly known = new Set<string>();

  constructor(private readonly limit: number) {}

  labelFor(operationName: string | null | undefined): string {
    if (!operationName) return ANONYMOUS_OPERATION;
    if (this.known.has(operationName)) return operationName;
    if (this.known.size >= this.limit) return OTHER_OPERATIONS;
    this.known.add(operationName);
    return operationName;
  }
}
