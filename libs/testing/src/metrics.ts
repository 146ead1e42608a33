/** One scrape of a service's /metrics, as Prometheus reads it. */
export interface Scrape {
  /** The sample of `name` whose labels include all of `labels`, summed when several match; undefined when none does. */
  value(name: string, labels?: Record<string, string>): number | undefined;
  /** The label sets of `name`'s samples. */
  series(name: string): Record<string, string>[];
  /** Every sample name served. */
  names(): Set<string>;
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Fetches `<serviceUrl>/metrics` and parses Prometheus's text format; fails unless it answers 200. */
export async function scrapeMetrics(serviceUrl: string, token?: string): Promise<Scrape> {
  const response = await fetch(`${serviceUrl}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (response.status !== 200) throw new Error(`${serviceUrl}/metrics answered ${response.status}`);
  const samples = parseMetrics(await response.text());
  const matching = (name: string, labels: Record<string, string>) =>
    samples.filter(
      (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    );
  return {
    value: (name, labels = {}) => {
      const found = matching(name, labels);
      return found.length === 0 ? undefined : found.reduce((sum, sample) => sum + sample.value, 0);
    },
    series: (name) => matching(name, {}).map((sample) => sample.labels),
    names: () => new Set(samples.map((sample) => sample.name)),
  };
}

function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}
