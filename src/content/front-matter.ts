/** Splits a notice file into YAML front matter and Markdown body, keeping line numbers. */
import { LineCounter, parseDocument, isMap } from "yaml";
import type { Document } from "yaml";

/** A parsed notice file: its data, its body, and where each key stands in the file. */
export interface ParsedNoticeFile {
  readonly data: unknown;
  readonly body: string;
  /** 1-based line in the file of the node at a key path such as `attachments.0.file`. */
  readonly lineOf: (path: readonly (string | number)[]) => number | undefined;
}

/** A problem that stops a file from being read at all. */
export interface FrontMatterProblem {
  readonly line?: number;
  readonly message: string;
}

// YAML aliases can expand exponentially ("billion laughs"); no notice needs more than a few.
const MAX_ALIASES = 50;

/** Parses `---` front matter with YAML 1.2 (core schema: dates stay strings, `yes` is text). */
export function parseNoticeFile(source: string): ParsedNoticeFile | FrontMatterProblem {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!text.startsWith("---\n")) {
    return { line: 1, message: "expected the file to start with a --- line opening the front matter" };
  }
  const close = /^---[ \t]*$/m;
  const rest = text.slice(4);
  const match = close.exec(rest);
  if (match === null) {
    return { message: "expected a --- line closing the front matter" };
  }
  const yamlText = rest.slice(0, match.index);
  const body = rest.slice(match.index + match[0].length).replace(/^\n/, "");

  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, {
    schema: "core",
    uniqueKeys: true,
    lineCounter,
    prettyErrors: false,
  });
  // The YAML starts on the file's second line.
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + 1;
  const firstError = doc.errors[0];
  if (firstError !== undefined) {
    return {
      line: lineAt(firstError.pos[0]),
      message: `invalid YAML: ${firstError.message.split("\n")[0] ?? ""}`,
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    return { message: `invalid YAML: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { data: data ?? undefined, body, lineOf: (path) => lineOfPath(doc, path, lineAt) };
}

function lineOfPath(
  doc: Document,
  path: readonly (string | number)[],
  lineAt: (offset: number) => number,
): number | undefined {
  // Walk up the path until a node with a position is found: a missing key has none.
  for (let depth = path.length; depth > 0; depth--) {
    const keyPath = path.slice(0, depth);
    if (depth === 1 && isMap(doc.contents)) {
      const pair = doc.contents.items.find((item) => String(item.key) === String(keyPath[0]));
      const key = pair?.key as { range?: [number, number, number] } | undefined;
      if (key?.range) return lineAt(key.range[0]);
      continue;
    }
    const node = doc.getIn(keyPath, true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineAt(node.range[0]);
  }
  return undefined;
}

/** Type guard separating a problem from a parsed file. */
export function isFrontMatterProblem(
  value: ParsedNoticeFile | FrontMatterProblem,
): value is FrontMatterProblem {
  return "message" in value;
}
