/**
 * CSV exports of a board: one notice a row, its columns named by the header row and mapped to
 * Sosik's fields by `--map key=Column` or by the names Korean boards usually give them.
 */
import { parse } from "csv-parse/sync";
import { UsageError } from "../errors.ts";
import type { EntryProblem, ExportEntry } from "./entries.ts";

/** The fields a column can be mapped to, with the column names tried when none is given. */
export const COLUMN_DEFAULTS = Object.freeze({
  title: ["제목", "title", "subject"],
  date: ["작성일", "등록일", "게시일", "작성일자", "등록일자", "게시일자", "일자", "날짜", "date"],
  html: ["내용", "본문", "content", "html", "body"],
  text: [],
  summary: ["요약", "summary"],
  views: ["조회수", "조회", "views", "hits"],
  department: ["담당부서", "부서", "부서명", "department"],
  attachments: ["첨부파일", "첨부", "attachments", "files"],
  url: ["링크", "주소", "url", "link"],
  id: ["게시물번호", "글번호", "nttid", "id"],
} satisfies Record<string, readonly string[]>);

/** A field of COLUMN_DEFAULTS. */
export type ColumnKey = keyof typeof COLUMN_DEFAULTS;

const KEYS = Object.keys(COLUMN_DEFAULTS) as ColumnKey[];

/** Reads `--map title=제목,date=등록일` (any number of options, commas between pairs). */
export function parseColumnMap(options: readonly string[]): Partial<Record<ColumnKey, string>> {
  const map: Partial<Record<ColumnKey, string>> = {};
  for (const pair of options.flatMap((option) => option.split(","))) {
    if (pair.trim() === "") continue;
    const equals = pair.indexOf("=");
    const key = pair.slice(0, equals).trim();
    const column = pair.slice(equals + 1).trim();
    if (equals < 0 || column === "") {
      throw new UsageError(
        `--map: expected key=Column, like title=제목, got ${JSON.stringify(pair)}`,
      );
    }
    if (!(KEYS as string[]).includes(key)) {
      throw new UsageError(
        `--map: unknown key ${JSON.stringify(key)}: expected one of ${KEYS.join(", ")}`,
      );
    }
    map[key as ColumnKey] = column;
  }
  if (map.html !== undefined && map.text !== undefined) {
    throw new UsageError("--map: html and text are both the body: map one of them");
  }
  return map;
}

/** The rows of a CSV export as entries, and the rows that could not be read at all. */
export function readCsv(
  text: string,
  fileName: string,
  mapped: Partial<Record<ColumnKey, string>>,
): { readonly entries: ExportEntry[]; readonly problems: EntryProblem[] } {
  const problems: EntryProblem[] = [];
  const records = parse(text, {
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const lines: unknown = error?.lines;
      const line = typeof lines === "number" ? lines : undefined;
      problems.push({
        where: line === undefined ? fileName : `${fileName}:${String(line)}`,
        order: line ?? Number.MAX_SAFE_INTEGER,
        key: "csv",
        message: `not valid CSV: ${(error?.message ?? "").replace(/ at line \d+$/, "")}`,
      });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  const [header, ...rows] = records;
  if (header === undefined)
    throw new UsageError(`${fileName}: the file is empty: expected a header row`);
  const names = header.record.map((name) => name.trim());
  const columns = resolveColumns(names, mapped, fileName);
  const entries: ExportEntry[] = [];
  for (const { record, info, raw } of rows) {
    // The row's first line: the record's last line less the line breaks inside it.
    const line = info.lines - (raw.replace(/\r?\n$/, "").match(/\n/g)?.length ?? 0);
    const where = `${fileName}:${String(line)}`;
    if (record.length !== names.length) {
      problems.push({
        where,
        order: line,
        key: "row",
        message: `expected ${String(names.length)} fields as in the header, got ${String(record.length)}`,
      });
      continue;
    }
    const value = (key: ColumnKey) => {
      const index = columns[key];
      return index === undefined ? undefined : record[index];
    };
    entries.push({
      where,
      order: line,
      title: value("title"),
      date: value("date"),
      html: value("html"),
      text: value("text"),
      summary: value("summary"),
      views: value("views"),
      department: value("department"),
      attachments: (value("attachments") ?? "").split(/[\s|;]+/).filter((part) => part !== ""),
      url: emptyToUndefined(value("url")),
      id: emptyToUndefined(value("id")),
    });
  }
  return { entries, problems };
}

/** The index of each field's column: as mapped, or the first default name the header has. */
function resolveColumns(
  names: readonly string[],
  mapped: Partial<Record<ColumnKey, string>>,
  fileName: string,
): Partial<Record<ColumnKey, number>> {
  const listed = names.map((name) => JSON.stringify(name)).join(", ");
  const columns: Partial<Record<ColumnKey, number>> = {};
  for (const key of KEYS) {
    const wanted = mapped[key];
    if (wanted !== undefined) {
      const index = names.indexOf(wanted);
      if (index < 0) {
        throw new UsageError(
          `--map ${key}=${wanted}: ${fileName} has no column ${JSON.stringify(wanted)} (its columns: ${listed})`,
        );
      }
      columns[key] = index;
      continue;
    }
    // A body mapped one way is not looked for the other way.
    if (
      (key === "html" && mapped.text !== undefined) ||
      (key === "text" && mapped.html !== undefined)
    )
      continue;
    const lower = names.map((name) => name.toLowerCase());
    const index = COLUMN_DEFAULTS[key].findIndex((name) => lower.includes(name));
    if (index >= 0) columns[key] = lower.indexOf(COLUMN_DEFAULTS[key][index] ?? "");
  }
  for (const key of ["title", "date"] as const) {
    if (columns[key] === undefined) {
      throw new UsageError(
        `${fileName}: no ${key} column: name it with --map ${key}=COLUMN (its columns: ${listed})`,
      );
    }
  }
  return columns;
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
