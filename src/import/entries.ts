/** What an export holds, read the same way from a CSV row or a feed entry. */

/** One row or entry of an export, its values as text, before anything is checked. */
export interface ExportEntry {
  /** Where it is, for reports: `export.csv:17` or `feed.xml: entry 3 ("title")`. */
  readonly where: string;
  /** Its position in the file (CSV line, feed entry number), to list reports in file order. */
  readonly order: number;
  readonly title?: string | undefined;
  readonly date?: string | undefined;
  /** The body as HTML, converted to Markdown. */
  readonly html?: string | undefined;
  /** The body as plain text, kept as written. */
  readonly text?: string | undefined;
  readonly summary?: string | undefined;
  readonly views?: string | undefined;
  readonly department?: string | undefined;
  /** Addresses of the entry's files on the old site. */
  readonly attachments: readonly string[];
  /** The entry's address on the old site, for the redirect map and `--slug id`. */
  readonly url?: string | undefined;
  /** The entry's id on the old board, for `--slug id`. */
  readonly id?: string | undefined;
}

/** A problem of one entry: the key it is about and why. */
export interface EntryProblem {
  readonly where: string;
  readonly order: number;
  readonly key: string;
  readonly message: string;
}

/** `where: key: message`, the form of `npm run check`. */
export function formatProblem(problem: EntryProblem, warning = false): string {
  return `${problem.where}: ${warning ? "warning: " : ""}${problem.key}: ${problem.message}`;
}
