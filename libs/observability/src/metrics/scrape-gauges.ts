import { Gauge, Registry } from 'prom-client';

/** A read that takes longer (Redis or Postgres away) leaves its gauges out of the scrape rather than hold it up. */
const READ_TIMEOUT_MS = 3_000;

/**
 * Gauges whose values are read when Prometheus scrapes, from one read shared by all of them: a
 * scrape asks every gauge at once, and the first to ask starts the read the others then wait for.
 */
export class ScrapeGauges<Reading> {
  private pending?: Promise<Reading>;
  private readonly gauges: Gauge[] = [];

  constructor(
    private readonly registry: Registry,
    private readonly read: () => Promise<Reading>,
  ) {}

  add<L extends string>(
    definition: { name: string; help: string; labelNames?: readonly L[] },
    fill: (gauge: Gauge<L>, reading: Reading) => void,
  ): this {
    const shared = () => this.reading();
    const gauge: Gauge<L> = new Gauge<L>({
      ...definition,
      registers: [this.registry],
      async collect() {
        gauge.reset();
        // A failed read leaves these series out of this scrape; the others are still answered.
        const reading = await shared().catch(() => undefined);
        if (reading !== undefined) fill(gauge, reading);
      },
    });
    this.gauges.push(gauge as Gauge);
    return this;
  }

  /** Takes the gauges out of the registry, so that a module started again in the same process registers them anew. */
  remove(): void {
    for (const gauge of this.gauges) this.registry.removeSingleMetric((gauge as unknown as { name: string }).name);
  }

  private reading(): Promise<Reading> {
    this.pending ??= withTimeout(this.read(), READ_TIMEOUT_MS).finally(() => (this.pending = undefined));
    return this.pending;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
