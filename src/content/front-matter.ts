/** Splits a notice file into YAML front matter and Markdown body, keeping line numbers. */
import { LineCounter, parseDocument, isMap, visit } from "yaml";
import type { Document } from "yaml";
import { parsePlainFrontMatter } from "./plain-front-matter.ts";
import type { PlainFrontMatter } from "./plain-front-matter.ts";

/**
 * A value YAML reads as a number, with the text it was written as: `1e3`, `0x10`, `007` and
 * `1000` are all numbers to YAML, and only the text tells an editor's digits from the others.
 * Every number of the front matter comes as one, so the schema can hold it to its written form.
 */
export class WrittenNumber {
  /** The number YAML reads. */
  readonly value: number;
  /** The scalar as written in the file, with its tag if it has one: `1e3`, `!!int 5`. */
  readonly source: string;

  constructor(value: number, source: string) {
    this.value = value;
    this.source = source;
  }
}

/** A parsed notice file: its data, its body, and where each key stands in the file. */
export interface ParsedNoticeFile {
  readonly data: unknown;
  readonly body: string;
  /** 1-based line of the file on which the body starts, to place problems found in it. */
  readonly bodyLine: number;
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
  // Line 1 is the opening ---, the YAML follows, then the closing --- line, then the body.
  const bodyLine = 3 + countNewlines(yamlText);

  const plain = parsePlainFrontMatter(yamlText);
  if (plain !== undefined) {
    return {
      data: withWrittenNumbers(plain),
      body,
      bodyLine,
      lineOf: (path) => {
        // Like the YAML library: the nearest node on the path that exists.
        for (let depth = path.length; depth > 0; depth--) {
          const line = plain.lines.get(path.slice(0, depth).join("."));
          if (line !== undefined) return line;
        }
        return undefined;
      },
    };
  }

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
  // toJS passes values that are not YAML nodes through as they are.
  visit(doc, {
    Scalar(key, node) {
      if (key === "key" || typeof node.value !== "number") return;
      const tag = node.tag === undefined ? "" : `${node.tag.replace("tag:yaml.org,2002:", "!!")} `;
      node.value = new WrittenNumber(node.value, `${tag}${node.source ?? String(node.value)}`);
    },
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    return { message: `invalid YAML: ${error instanceof Error ? error.message : String(error)}` };
  }
  return {
    data: data ?? undefined,
    body,
    bodyLine,
    lineOf: (path) => lineOfPath(doc, path, lineAt),
  };
}

/** The data of plain front matter with each number replaced by its WrittenNumber. */
function withWrittenNumbers(plain: PlainFrontMatter): Record<string, unknown> {
  for (const [path, source] of plain.numbers) {
    const keys = path.split(".");
    const last = keys.pop() ?? "";
    let holder: unknown = plain.data;
    for (const key of keys) holder = (holder as Record<string, unknown>)[key];
    const record = holder as Record<string, unknown>;
    record[last] = new WrittenNumber(record[last] as number, source);
  }
  return plain.data;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
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
