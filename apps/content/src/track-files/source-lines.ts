import { isMap, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { PathSegment } from './track-file';

/** A parsed YAML (or JSON, which YAML reads too) text that can say on which line a path sits. */
export interface SourceLines {
  /** 1-based line of the deepest part of `path` the text has: a property's key, an item's start. */
  lineOf(path: PathSegment[]): number | undefined;
}

export interface ParsedYaml extends SourceLines {
  value: unknown;
  /** Syntax errors, with 1-based lines. */
  errors: { line?: number; message: string }[];
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const errors = document.errors.map((error) => ({
    line: error.linePos?.[0].line,
    // The pretty form appends the line and a snippet; the caller gets the line on its own.
    message: error.message.split(/ at line \d+, column \d+/)[0],
  }));
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // Aliases that would expand beyond reason (a "billion laughs"), or an alias to nothing.
      errors.push({ line: undefined, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return {
    value,
    errors,
    lineOf(path) {
      let node: unknown = document.contents;
      let offset = (node as Node | null)?.range?.[0];
      for (const segment of path) {
        if (isMap(node)) {
          const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === segment);
          if (!pair) break;
          offset = (pair.key as Node | null)?.range?.[0] ?? offset;
          node = pair.value;
        } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
          node = node.items[segment];
          offset = (node as Node | null)?.range?.[0] ?? offset;
        } else {
          break;
        }
      }
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    },
  };
}
