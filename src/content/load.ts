/**
 * Reads and validates a whole content folder. Every problem of every file is collected, so an
 * editor sees all of them at once; nothing here renders or writes anything.
 */
import { statSync } from "node:fs";
import { extname, join, relative, resolve, sep } from "node:path";
import jsonc from "jsonc-parser";
import type { z } from "zod";
import { EnvironmentError } from "../errors.ts";
import { LANGS, isLang } from "../options.ts";
import type { Lang } from "../options.ts";
import { contentTextProblem } from "./text.ts";
import { contentFiles, isNotAFile } from "./files.ts";
import type { ContentFiles } from "./files.ts";
import { describeValue } from "./errors.ts";
import type { ContentIssue } from "./errors.ts";
import { checkNotices } from "./cross-checks.ts";
import { noticeImages } from "./images.ts";
import { tooDeeplyNested } from "../markdown.ts";
import type { NoticeLines } from "./cross-checks.ts";
import { isFrontMatterProblem, parseNoticeFile } from "./front-matter.ts";
import type { ParsedNoticeFile } from "./front-matter.ts";
import {
  departmentsSchema,
  identitySchema,
  isSafeRelativePath,
  updatedProblem,
  ministriesSchema,
  DEFAULT_BOARDS,
  boardsSchema,
  noticeFrontMatterSchema,
  readCountsSchema,
  siteSchema,
} from "./schema.ts";
import type {
  BoardSettingsEntry,
  Departments,
  Identity,
  Ministries,
  ReadCounts,
  SiteSettings,
} from "./schema.ts";

import { SLUG_PATTERN } from "./notice.ts";
import type { SourceAttachment, SourceNotice } from "./notice.ts";

export type { SourceAttachment, SourceNotice } from "./notice.ts";

/** Everything read from a content folder, valid or not. */
export interface LoadedContent {
  readonly contentDir: string;
  readonly site?: SiteSettings;
  readonly ministries?: Ministries;
  /** `_data/identity.json` and `_data/departments.json`, when present and valid. */
  readonly identity?: Identity;
  readonly departments?: Departments;
  /** The boards of "What's New" (`_data/boards.json`, or News & Notices alone), in menu order. */
  readonly boards: readonly BoardSettingsEntry[];
  /** Day the analytics counts were exported, when `_data/readCounts.json` exists. */
  readonly readCountsUpdated?: string;
  /** Notices whose files are valid; invalid files are only in `issues`. */
  readonly notices: readonly SourceNotice[];
  readonly issues: readonly ContentIssue[];
}

/** What loading may take into account besides the files. */
export interface LoadOptions {
  /** The instant counted as now, for warnings about scheduled notices; default: the clock. */
  readonly now?: number;
  /** Kept from one load to the next of the same folder (the preview reloads after each edit). */
  readonly cache?: NoticeParseCache;
}

/**
 * Front matter of notice files as parsed and validated by an earlier load, by path. A file whose
 * text and ministry list are unchanged is not parsed or validated again; everything else about
 * it (file name, attachments, links) is checked anew on every load.
 */
export type NoticeParseCache = Map<string, ParsedNotice>;

/** One notice file's front matter, parsed and validated. */
interface ParsedNotice {
  readonly text: string;
  readonly ministries: string;
  readonly parsed: ParsedNoticeFile;
  readonly result: ReturnType<ReturnType<typeof noticeFrontMatterSchema>["safeParse"]>;
}

/**
 * Reads `contentDir` (the folder holding `_data/`, `ko/` and `en/`). Throws an EnvironmentError
 * when a folder of it cannot be listed or something vanishes while it is read.
 */
export function loadContent(contentDir: string, options: LoadOptions = {}): LoadedContent {
  const issues: ContentIssue[] = [];
  const fileSystem = contentFiles(contentDir);
  const display = (path: string) => relative(process.cwd(), path).split(sep).join("/") || ".";
  const report: Reporter = (file, key, message, line, severity = "error") => {
    issues.push({ file: display(file), key, message, severity, ...(line ? { line } : {}) });
  };

  const dataDir = join(contentDir, "_data");
  const data = { files: fileSystem, report };
  const site = readJson(join(dataDir, "site.json"), siteSchema, data, true)?.data;
  const ministries = readJson(join(dataDir, "ministries.json"), ministriesSchema, data, true)?.data;
  const readCounts = readJson(join(dataDir, "readCounts.json"), readCountsSchema, data, false);
  const identityFile = readJson(join(dataDir, "identity.json"), identitySchema, data, false);
  const identity = identityFile?.data;
  for (const key of ["logo", "ogImage"] as const) {
    const file = identity?.[key]?.file;
    // Paths in identity.json are relative to the file's own folder, _data/.
    const checked = file === undefined ? undefined : fileSystem.inspect(join(dataDir, file));
    if (identityFile && file !== undefined && (checked === "missing" || isNotAFile(checked))) {
      report(identityFile.path, `${key}.file`, `file not found in _data/: ${describeValue(file)}`, identityFile.lineOf([key, "file"]));
    }
  }
  const departments = readJson(join(dataDir, "departments.json"), departmentsSchema, data, false)?.data;
  // Without a readable ministries.json (reported once, above), no notice is told its code is unknown.
  const schema = noticeFrontMatterSchema(ministries ? new Set(Object.keys(ministries)) : undefined, new Set(Object.keys(departments ?? {})));
  const parsing = { schema, ministries: [...(ministries ? Object.keys(ministries) : ["?"]), "|", ...Object.keys(departments ?? {})].join(","), cache: options.cache };

  const notices: SourceNotice[] = [];
  const seen = new Set<string>();
  const lines = new Map<string, NoticeLines>();
  const files = new Map<Lang, Set<string>>();
  const boardsFile = readJson(join(dataDir, "boards.json"), boardsSchema, data, false);
  const boards = boardsFile?.data ?? DEFAULT_BOARDS;
  const boardIds = new Set(boards.map((board) => board.id));
  for (const path of strayMarkdownFiles(contentDir, fileSystem, boardIds)) {
    const folders = boards.map((board) => `{ko,en}/${board.id}/`).join(", ");
    report(path, "file", `not read: notices belong directly in a board's folder (${folders})`);
  }
  for (const [lang, board] of LANGS.flatMap((lang) => boards.map((b) => [lang, b.id] as const))) {
    const noticesDir = join(contentDir, lang, board);
    const slugs = files.get(lang) ?? new Set<string>();
    files.set(lang, slugs);
    // One relative path a folder, not one a file: path.relative is slow enough to show at 10,000.
    const displayDir = display(noticesDir);
    const listing = fileSystem.list(noticesDir);
    if (isNotAFile(listing)) report(noticesDir, "folder", listing.problem);
    for (const entry of Array.isArray(listing) ? listing : []) {
      if (entry.name.startsWith(".")) continue;
      const path = `${noticesDir}${sep}${entry.name}`;
      const isNoticeName = extname(entry.name) === ".md";
      // Subfolders hold attachments; a folder named like a notice is reported as not a file.
      if (entry.isDirectory() && !isNoticeName) continue;
      if (entry.isSymbolicLink() && !isNoticeName && isFolder(path)) continue;
      const markdownLike = /^(.+)\.(md|markdown)$/i.exec(entry.name);
      if (!isNoticeName && markdownLike && !entry.isDirectory()) {
        report(path, "file name", `not read: a notice's file name ends in .md, in lower case; rename it to ${markdownLike[1] ?? ""}.md`);
        continue;
      }
      if (!isNoticeName) {
        report(
          path,
          "file",
          "not a notice: only .md files belong here; put attachments in a subfolder",
        );
        continue;
      }
      const slug = entry.name.slice(0, -3);
      // A file name is one notice of the language: the same name in two boards would be two.
      if (slugs.has(slug)) {
        report(path, "file name", `another board of ${lang}/ has a notice ${entry.name}: give one of them another name`);
        continue;
      }
      slugs.add(slug);
      seen.add(path);
      const read = readNotice({
        path,
        lang,
        board,
        slug,
        noticesDir,
        displayDir,
        parsing,
        files: fileSystem,
        report,
      });
      if (read) {
        notices.push(read.notice);
        lines.set(`${lang}/${slug}`, read.lines);
      }
    }
  }

  // Deleted files leave the cache.
  for (const path of options.cache?.keys() ?? []) {
    if (!seen.has(path)) options.cache?.delete(path);
  }
  // A content folder removed while it was read would otherwise look like missing files.
  if (!isContentFolder(contentDir)) throw vanished(contentDir);
  const counted = readCounts ? addReadCounts(notices, readCounts, files, report) : notices;
  checkNotices({
    notices: counted,
    files,
    lines,
    now: options.now ?? Date.now(),
    siteOrigins: site ? siteOrigins(site) : [],
    segments: new Map(boards.map((board) => [board.id, board.segment ?? board.id])),
    maxPinned: new Map(boards.map((board) => [board.id, board.maxPinned])),
    report: (notice, key, message, line, severity) => {
      issues.push({ file: notice.file, key, message, severity, ...(line ? { line } : {}) });
    },
  });
  return {
    contentDir,
    ...(site ? { site } : {}),
    ...(ministries ? { ministries } : {}),
    ...(identity ? { identity } : {}),
    ...(departments ? { departments } : {}),
    boards,
    ...(readCounts ? { readCountsUpdated: readCounts.data.updated } : {}),
    notices: counted,
    issues,
  };
}

/** The site's own absolute addresses, under which links are links into the board. */
function siteOrigins(site: SiteSettings): string[] {
  return [`${site.baseUrl}${site.pathPrefix}`];
}

type Reporter = (
  file: string,
  key: string,
  message: string,
  line?: number,
  severity?: ContentIssue["severity"],
) => void;

/** A data file read and validated, with a way to point at its keys. */
interface JsonFile<T> {
  readonly data: T;
  readonly path: string;
  readonly lineOf: (path: readonly (string | number)[]) => number | undefined;
}

function readJson<T extends z.ZodType>(
  path: string,
  schema: T,
  context: { files: ContentFiles; report: Reporter },
  required: boolean,
): JsonFile<z.output<T>> | undefined {
  const { files, report } = context;
  const read = files.read(path);
  if (read === "missing") {
    if (required) report(path, "file", "missing: this file is required");
    return undefined;
  }
  const text = checkedText(path, read, report);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    report(path, "JSON", error instanceof Error ? error.message : String(error));
    return undefined;
  }
  // JSON.parse keeps the last of two equal keys without a word: a ministry written twice would
  // silently lose its first names.
  const duplicates = duplicateJsonKeys(text);
  for (const { path: at, line, first } of duplicates) {
    report(path, at.join("."), `written twice (first on line ${String(first)}): only the last would count; keep one`, line);
  }
  if (duplicates.length > 0) return undefined;
  const lineOf = jsonLineLocator(text);
  const result = schema.safeParse(json, { reportInput: true });
  if (result.success) return { data: result.data, path, lineOf };
  const { issues } = result.error;
  for (const issue of issues.slice(0, LISTED_DATA_PROBLEMS)) {
    const at = issue.path as (string | number)[];
    report(path, at.join(".") || "(top level)", issue.message, lineOf(at));
  }
  const rest = issues[LISTED_DATA_PROBLEMS];
  if (rest !== undefined) {
    const more = issues.length - LISTED_DATA_PROBLEMS;
    report(
      path,
      "(more)",
      `${more.toLocaleString("en")} more problems from this line on, not listed one by one`,
      lineOf(rest.path as (string | number)[]),
    );
  }
  return undefined;
}

/**
 * How many problems of one data file are listed one by one: a generated file (analytics
 * counts) can hold hundreds of thousands of keys, and the check must stay readable.
 */
const LISTED_DATA_PROBLEMS = 20;

/**
 * Finds the line of a key or element of a JSON text. The text is scanned once, at the first
 * question (most data files have nothing to report), in time linear in its size; a YAML parse
 * of a 200,000-key file took minutes.
 */
/** Keys written twice in one JSON object: the second's path and line, and the first's line. */
function duplicateJsonKeys(text: string): { path: (string | number)[]; line: number; first: number }[] {
  const found: { path: (string | number)[]; line: number; first: number }[] = [];
  const objects: Map<string, number>[] = [];
  jsonc.visit(text, {
    onObjectBegin: () => {
      objects.push(new Map());
    },
    onObjectEnd: () => {
      objects.pop();
    },
    onObjectProperty: (property, _offset, _length, line, _character, pathSupplier) => {
      const keys = objects[objects.length - 1];
      const first = keys?.get(property);
      if (first !== undefined) found.push({ path: [...pathSupplier(), property], line: line + 1, first });
      else keys?.set(property, line + 1);
    },
  });
  return found;
}

function jsonLineLocator(text: string): JsonFile<unknown>["lineOf"] {
  let lines: Map<string, number> | undefined;
  const index = () => {
    const found = new Map<string, number>();
    const value = (line: number, pathSupplier: () => jsonc.JSONPath) => {
      const path = pathSupplier();
      // A property's line is recorded with its key; an element's with its value.
      if (typeof path[path.length - 1] === "number") found.set(JSON.stringify(path), line + 1);
    };
    jsonc.visit(text, {
      onObjectProperty: (property, _offset, _length, line, _character, pathSupplier) => {
        found.set(JSON.stringify([...pathSupplier(), property]), line + 1);
      },
      onObjectBegin: (_offset, _length, line, _character, pathSupplier) => {
        value(line, pathSupplier);
      },
      onArrayBegin: (_offset, _length, line, _character, pathSupplier) => {
        value(line, pathSupplier);
      },
      onLiteralValue: (_value, _offset, _length, line, _character, pathSupplier) => {
        value(line, pathSupplier);
      },
    });
    return found;
  };
  return (path) => {
    lines ??= index();
    // A missing key has no line: point at the nearest enclosing one that has.
    for (let depth = path.length; depth > 0; depth--) {
      const line = lines.get(JSON.stringify(path.slice(0, depth)));
      if (line !== undefined) return line;
    }
    return undefined;
  };
}

function readNotice(args: {
  path: string;
  lang: Lang;
  board: string;
  slug: string;
  noticesDir: string;
  /** The notices folder as messages show it. */
  displayDir: string;
  parsing: {
    schema: ReturnType<typeof noticeFrontMatterSchema>;
    /** The ministry codes the schema accepts, for the cache. */
    ministries: string;
    cache: NoticeParseCache | undefined;
  };
  files: ContentFiles;
  report: Reporter;
}): { notice: SourceNotice; lines: NoticeLines } | undefined {
  const { path, lang, board, slug, noticesDir, displayDir, parsing, files, report } = args;
  const { schema } = parsing;
  let ok = true;
  const slugMatch = SLUG_PATTERN.exec(slug);
  if (slugMatch === null) {
    report(path, "file name", `expected YYYY-MM-DD-words-in-ascii.md (lower-case letters, digits, hyphens), got ${describeValue(`${slug}.md`)}`);
    ok = false;
  }

  const read = files.read(path);
  // It was listed a moment ago: something else is changing the content folder.
  if (read === "missing") throw vanished(path);
  const text = checkedText(path, read, report);
  if (text === undefined) return undefined;
  const cached = parsing.cache?.get(path);
  let parsed: ParsedNoticeFile;
  let result: ParsedNotice["result"];
  if (cached?.text === text && cached.ministries === parsing.ministries) {
    ({ parsed, result } = cached);
  } else {
    const parsedFile = parseNoticeFile(text);
    if (isFrontMatterProblem(parsedFile)) {
      report(path, "front matter", parsedFile.message, parsedFile.line);
      return undefined;
    }
    parsed = parsedFile;
    result = schema.safeParse(parsed.data, { reportInput: true });
    parsing.cache?.set(path, { text, ministries: parsing.ministries, parsed, result });
  }
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          report(path, key, `unknown key; allowed keys are ${Object.keys(schema.shape).join(", ")}`, parsed.lineOf([key]));
        }
        continue;
      }
      const key = issue.path.map(String).join(".") || "front matter";
      report(path, key, issue.message, parsed.lineOf(issue.path as (string | number)[]));
    }
    ok = false;
  }
  if (slugMatch?.[1] !== undefined && !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(slugMatch[1])) {
    report(path, "file name", `expected a real date at the start, got ${describeValue(slugMatch[1])}`);
    ok = false;
  }

  // Attachments are checked even when other keys are wrong, so every error shows at once.
  const attachments: SourceAttachment[] = [];
  const seenNames = new Set<string>();
  attachmentEntries(parsed.data).forEach((file, index) => {
    const line = parsed.lineOf(["attachments", index, "file"]);
    const key = `attachments.${String(index)}.file`;
    // Missing or unsafe paths are already reported by the schema.
    if (file === "" || !isSafeRelativePath(file)) return;
    const checked = checkAttachment(files, noticesDir, file);
    if (typeof checked === "string") {
      report(path, key, checked, line);
      ok = false;
      return;
    }
    const fileName = file.split("/").pop() ?? file;
    if (seenNames.has(fileName)) {
      report(path, key, `another attachment of this notice is also named ${describeValue(fileName)}`, line);
      ok = false;
      return;
    }
    seenNames.add(fileName);
    attachments.push({
      title: result.data?.attachments[index]?.title ?? fileName,
      fileName,
      sourcePath: checked.path,
      sizeBytes: checked.size,
      type: extname(fileName).slice(1).toUpperCase() || "FILE",
    });
  });
  const deepAt = tooDeeplyNested(parsed.body);
  if (deepAt !== undefined) {
    report(path, "body", "lists or quotes nest more than 100 levels deep here: the text from this line on would not be shown; nest them less", parsed.bodyLine + deepAt - 1);
    ok = false;
  }
  const photos = noticeImages(parsed.body, parsed.bodyLine, noticesDir, files);
  for (const problem of photos.problems) report(path, "image", problem.message, problem.line);
  if (photos.problems.length > 0) ok = false;
  if (!ok || !result.success) return undefined;
  const data = result.data;
  const notUpdatedYet = updatedProblem(data);
  if (notUpdatedYet !== undefined) {
    report(path, "updated", notUpdatedYet, parsed.lineOf(["updated"]));
    return undefined;
  }
  const lines: NoticeLines = {
    body: parsed.bodyLine,
    keys: Object.fromEntries(
      CHECKED_KEYS.flatMap((key) => {
        const line = parsed.lineOf([key]);
        return line === undefined ? [] : [[key, line]];
      }),
    ),
  };
  // Every front-matter field as the schema gives it; the attachments as checked above.
  const { attachments: entries, ...fields } = data;
  const notice: SourceNotice = {
    ...fields,
    lang,
    board,
    slug,
    file: `${displayDir}/${slug}.md`,
    attachments,
    ...(photos.images.length > 0 ? { images: photos.images } : {}),
    body: parsed.body,
  };
  return { notice, lines };
}

// Keys the checks across notices may point at; their lines are kept, the YAML is not.
const CHECKED_KEYS = ["title", "date", "ministry", "expires", "pinned", "updated"] as const;

/** The `file` of each attachment entry that the schema would accept as a safe path. */
function attachmentEntries(data: unknown): string[] {
  if (typeof data !== "object" || data === null || !("attachments" in data)) return [];
  const entries = (data).attachments;
  if (!Array.isArray(entries)) return [];
  return entries.map((entry: unknown) => {
    const file = typeof entry === "object" && entry !== null && "file" in entry ? (entry).file : undefined;
    return typeof file === "string" ? file.trim() : "";
  });
}

/** The attachment's real path and size, or the message saying why it cannot be attached. */
function checkAttachment(
  files: ContentFiles,
  noticesDir: string,
  file: string,
): { path: string; size: number } | string {
  const checked = files.inspect(resolve(noticesDir, file));
  if (checked === "missing") return `file not found: ${describeValue(file)}`;
  if (isNotAFile(checked)) return `${describeValue(file)} ${checked.problem}`;
  return { path: checked.realPath, size: checked.size };
}

function addReadCounts(
  notices: SourceNotice[],
  readCounts: JsonFile<ReadCounts>,
  files: ReadonlyMap<Lang, ReadonlySet<string>>,
  report: Reporter,
): SourceNotice[] {
  const { counts } = readCounts.data;
  const unknown: string[] = [];
  for (const key of Object.keys(counts)) {
    const slash = key.indexOf("/");
    const lang = key.slice(0, slash);
    if (slash === -1 || !isLang(lang) || files.get(lang)?.has(key.slice(slash + 1)) !== true) {
      unknown.push(key);
    }
  }
  // Listed one by one up to a point, then counted: an export from analytics may hold the
  // counts of every page ever read, and a check printing each would bury everything else.
  for (const key of unknown.slice(0, LISTED_DATA_PROBLEMS)) {
    report(
      readCounts.path,
      `counts.${key}`,
      "no notice has this lang/slug (expected a key like en/2018-07-23-words); the count is not used",
      readCounts.lineOf(["counts", key]),
      "warning",
    );
  }
  const firstUnlisted = unknown[LISTED_DATA_PROBLEMS];
  if (firstUnlisted !== undefined) {
    const more = unknown.length - LISTED_DATA_PROBLEMS;
    report(
      readCounts.path,
      "counts",
      `${more.toLocaleString("en")} more keys from this line on name no notice either; their counts are not used`,
      readCounts.lineOf(["counts", firstUnlisted]),
      "warning",
    );
  }
  return notices.map((notice) => {
    const extra = counts[`${notice.lang}/${notice.slug}`];
    return extra === undefined ? notice : { ...notice, readCount: notice.readCount + extra };
  });
}

/** Markdown files anywhere in the content folder that no language's notices folder holds. */
function strayMarkdownFiles(
  contentDir: string,
  files: ContentFiles,
  boards: ReadonlySet<string>,
): string[] {
  const stray: string[] = [];
  // `parts` is the folder's path inside the content folder; no path.relative per file, which
  // shows in the time of a 10,000-notice check. Links are not followed: a loop would not end.
  const walk = (dir: string, parts: readonly string[]) => {
    const inNotices =
      parts.length === 2 && isLang(parts[0] ?? "") && boards.has(parts[1] ?? "");
    const listing = files.list(dir);
    // Listed a moment ago (or the content folder itself): it was removed meanwhile.
    if (listing === "missing") throw vanished(dir);
    if (isNotAFile(listing)) return;
    for (const entry of listing) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const isMarkdown = /\.(md|markdown)$/i.test(entry.name);
      if (entry.isDirectory() && !(inNotices && entry.name.endsWith(".md"))) {
        walk(join(dir, entry.name), [...parts, entry.name]);
      } else if (isMarkdown) {
        // In a board's folder, a name like `x.MD` is told its own problem by loadContent.
        if (!inNotices && parts.length > 0) stray.push(join(dir, entry.name));
      }
    }
  };
  walk(contentDir, []);
  return stray.sort();
}

/**
 * The text of a content file that was read, or undefined after reporting why it cannot be used:
 * not a regular file, or text no page can show (not UTF-8, control characters).
 */
function checkedText(
  path: string,
  read: Exclude<ReturnType<ContentFiles["read"]>, "missing">,
  report: Reporter,
): string | undefined {
  if (isNotAFile(read)) {
    report(path, "file", read.problem);
    return undefined;
  }
  const problem = contentTextProblem(read.bytes, read.text);
  if (problem !== undefined) {
    report(path, "file", problem.message, problem.line);
    return undefined;
  }
  return read.text;
}

/** The error for a file or folder that disappeared while the content was read. */
function vanished(path: string): EnvironmentError {
  return new EnvironmentError(
    `cannot read the content folder: ${path}: it was removed while it was read`,
    path,
  );
}

/** True when `path` leads to a folder (a linked attachments folder). */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** True when the content folder exists and is a folder. */
export function isContentFolder(contentDir: string): boolean {
  try {
    return statSync(contentDir).isDirectory();
  } catch {
    return false;
  }
}
