/**
 * The front matter fast path: plain `key: value` front matter read without the YAML library,
 * with the same result. Measured on the README's sample front matter (eight keys and one
 * attachment, Node 20, a shared 2-core machine): this path takes 15-21 us a file, the YAML
 * library 147-164 us, which would be 1.5 s of a 10,000-notice check that must stay under 2 s.
 * src/content/front-matter.ts falls back to the YAML library whenever this declines a file.
 */

/** Front matter of the plain shape, read without the YAML library. */
export interface PlainFrontMatter {
  readonly data: Record<string, unknown>;
  /** 1-based line in the file of each key path, joined with dots: `attachments.0.file`. */
  readonly lines: ReadonlyMap<string, number>;
  /** The text of each number, by key path as in `lines`: `readCount` -> `16869`. */
  readonly numbers: ReadonlyMap<string, string>;
}

// This reads only what it can read exactly as YAML 1.2's core schema does:
// `key: value` lines and lists of such mappings (attachments). It declines everything else
// (nesting of other kinds, anchors, tags, odd escapes, number-like text) so the YAML library
// decides. The YAML library costs about 50 µs a file, too much for checking 10,000 notices in
// under 2 s. tests/content/front-matter.test.ts compares both on thousands of generated files.
const PLAIN_LINE = /^([A-Za-z][A-Za-z0-9_]*):(?: +(.*?))? *$/;
const SKIPPED_LINE = /^[ \t]*(?:#.*)?$/;
// Control characters other than tab and newline are left to the YAML library (UNUSUAL_CHARACTER).
const DOUBLE_QUOTED = /^"((?:[^"\\\t]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*)"(.*)$/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'(.*)$/;
const TRAILING_COMMENT = /^(?: +#.*)?$/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNUSUAL_CHARACTER = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]/;
const DECIMAL_INT = /^[-+]?[0-9]+$/;
const CALENDAR_TEXT = /^\d{4}-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/;
// Plain text that YAML would read as text: no indicator first, nothing number-like, no ": ".
const PLAIN_TEXT = /^[^-?:,[\]{}#&*!|>'"%@`\s.+0-9~][^\t]*$/;
const NULLS = new Set(["~", "null", "Null", "NULL"]);
const BOOLEANS = new Map([
  ["true", true],
  ["True", true],
  ["TRUE", true],
  ["false", false],
  ["False", false],
  ["FALSE", false],
]);

/** A line of the YAML: its 0-based index and text. */
type Rows = readonly string[];

/**
 * Reads front matter made only of `key: value` lines with simple values, and lists of such
 * mappings, exactly as the YAML library would; returns undefined for anything else.
 */
export function parsePlainFrontMatter(yamlText: string): PlainFrontMatter | undefined {
  if (UNUSUAL_CHARACTER.test(yamlText)) return undefined;
  const rows: Rows = yamlText.split("\n");
  const lines = new Map<string, number>();
  const numbers = new Map<string, string>();
  // The YAML starts on the file's second line.
  const data = readMapping(rows, 0, 0, "", { lines, numbers }, (index) => index + 2);
  return data === undefined || lines.size === 0 ? undefined : { data: data.value, lines, numbers };
}

/** Where the reader notes the line of each key path and the text of each number. */
interface Notes {
  readonly lines: Map<string, number>;
  readonly numbers: Map<string, string>;
}

/** A value read from rows, and the index of the first row after it. */
interface Read<T> {
  readonly value: T;
  readonly next: number;
}

/**
 * Reads `key: value` rows at `indent` from `start`; stops at a row indented less. `firstRow`
 * stands for the row at `start` (a list item's row with its "- " made spaces).
 */
function readMapping(
  rows: Rows,
  start: number,
  indent: number,
  prefix: string,
  notes: Notes,
  lineOf: (index: number) => number,
  firstRow?: string,
): Read<Record<string, unknown>> | undefined {
  const value: Record<string, unknown> = {};
  let index = start;
  while (index < rows.length) {
    const row = (index === start ? firstRow : undefined) ?? rows[index] ?? "";
    if (SKIPPED_LINE.test(row)) {
      index++;
      continue;
    }
    const rowIndent = leadingSpaces(row);
    if (rowIndent < indent) break;
    if (rowIndent > indent) return undefined;
    const match = PLAIN_LINE.exec(row.slice(indent));
    if (match === null) return undefined;
    const key = match[1] ?? "";
    if (Object.hasOwn(value, key) || key === "__proto__") return undefined;
    notes.lines.set(`${prefix}${key}`, lineOf(index));
    const raw = match[2];
    const following = nextRow(rows, index + 1);
    if ((raw === undefined || raw === "") && following !== undefined) {
      const followingRow = rows[following] ?? "";
      const followingIndent = leadingSpaces(followingRow);
      const isList = followingRow.slice(followingIndent).startsWith("- ");
      // A list may start at its key's own indent; anything else deeper is nesting. Only
      // top-level keys may hold a list here (attachments); deeper lists go to the YAML library.
      if ((isList && followingIndent >= indent) || followingIndent > indent) {
        if (!isList || indent !== 0) return undefined;
        const list = readList(rows, following, followingIndent, `${prefix}${key}.`, notes, lineOf);
        if (list === undefined) return undefined;
        value[key] = list.value;
        index = list.next;
        continue;
      }
    }
    const scalar = plainValue(raw);
    if (scalar === UNREADABLE) return undefined;
    if (typeof scalar === "number") notes.numbers.set(`${prefix}${key}`, numberText(raw ?? ""));
    value[key] = scalar;
    index++;
  }
  return { value, next: index };
}

/** Reads `- key: value` items at `indent`, each a mapping; stops at a row that is not one. */
function readList(
  rows: Rows,
  start: number,
  indent: number,
  prefix: string,
  notes: Notes,
  lineOf: (index: number) => number,
): Read<unknown[]> | undefined {
  const items: unknown[] = [];
  let index = start;
  while (index < rows.length) {
    const row = rows[index] ?? "";
    if (SKIPPED_LINE.test(row)) {
      index++;
      continue;
    }
    const rowIndent = leadingSpaces(row);
    if (rowIndent !== indent || !row.slice(indent).startsWith("- ")) {
      if (rowIndent < indent || (rowIndent === indent && indent === 0)) break;
      return undefined;
    }
    // The item's mapping starts after "- ", so its first key sits two columns in.
    const itemPrefix = `${prefix}${String(items.length)}.`;
    notes.lines.set(`${prefix}${String(items.length)}`, lineOf(index));
    const item = readMapping(
      rows,
      index,
      indent + 2,
      itemPrefix,
      notes,
      lineOf,
      `${" ".repeat(indent + 2)}${row.slice(indent + 2)}`,
    );
    if (item === undefined || Object.keys(item.value).length === 0) return undefined;
    items.push(item.value);
    index = item.next;
  }
  return { value: items, next: index };
}

function nextRow(rows: Rows, from: number): number | undefined {
  for (let index = from; index < rows.length; index++) {
    if (!SKIPPED_LINE.test(rows[index] ?? "")) return index;
  }
  return undefined;
}

function leadingSpaces(row: string): number {
  let count = 0;
  while (row.charCodeAt(count) === 32) count++;
  return count;
}

const UNREADABLE = Symbol("unreadable");

function plainValue(raw: string | undefined): unknown {
  if (raw === undefined || raw === "") return null;
  const quoted = DOUBLE_QUOTED.exec(raw) ?? SINGLE_QUOTED.exec(raw);
  if (quoted !== null) {
    if (!TRAILING_COMMENT.test(quoted[2] ?? "")) return UNREADABLE;
    const inner = quoted[1] ?? "";
    return raw.startsWith('"') ? (JSON.parse(`"${inner}"`) as string) : inner.replaceAll("''", "'");
  }
  const comment = raw.search(/ #/);
  const text = comment === -1 ? raw : raw.slice(0, comment).trimEnd();
  if (text.includes(": ") || text.endsWith(":") || text.includes(" #")) return UNREADABLE;
  if (NULLS.has(text)) return null;
  const flag = BOOLEANS.get(text);
  if (flag !== undefined) return flag;
  if (DECIMAL_INT.test(text)) return Number(text);
  if (CALENDAR_TEXT.test(text) || PLAIN_TEXT.test(text)) return text;
  return UNREADABLE;
}

/** The text of a number value as plainValue read it: without its trailing comment. */
function numberText(raw: string): string {
  const comment = raw.search(/ #/);
  return comment === -1 ? raw : raw.slice(0, comment).trimEnd();
}

