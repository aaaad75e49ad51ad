/**
 * `npm run import -- --from FILE --lang ko|en [--board notices] [--content DIR] [--map key=Column,...]
 * [--slug romanize|id] [--ministry CODE] [--encoding auto|utf-8|cp949] [--old-base-url URL]
 * [--dry-run]`: makes an old board's RSS/Atom feed or CSV export into notices, with a redirect
 * map from the old addresses. Exit 0 when every entry was imported, 1 when some were refused.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { isContentFolder } from "../content/load.ts";
import { DEFAULT_BOARDS, boardsSchema, ministriesSchema, siteSchema } from "../content/schema.ts";
import { EnvironmentError, environmentError } from "../errors.ts";
import { parseColumnMap, readCsv } from "../import/csv.ts";
import { decodeExport, ENCODINGS } from "../import/decode.ts";
import type { EncodingChoice } from "../import/decode.ts";
import { formatProblem } from "../import/entries.ts";
import type { EntryProblem, ExportEntry } from "../import/entries.ts";
import { readFeed } from "../import/feed.ts";
import { importEntries } from "../import/import.ts";
import { REDIRECT_FILES, readRedirects, writeRedirects } from "../import/redirects.ts";
import { SLUG_MODES } from "../import/slug.ts";
import type { SlugMode } from "../import/slug.ts";
import { DEFAULTS } from "../options.ts";
import { EXIT, UsageError, langOption, parseOptions, runCommand } from "./run.ts";

const USAGE =
  "npm run import -- --from FILE --lang ko|en [--board notices] [--content DIR] [--map title=제목,date=등록일,html=내용,views=조회수,url=링크] [--slug romanize|id] [--ministry CODE] [--encoding auto|utf-8|cp949] [--old-base-url URL] [--dry-run]";

await runCommand(USAGE, () => {
  const values = parseOptions(process.argv.slice(2), {
    from: { type: "string" },
    lang: { type: "string" },
    board: { type: "string", default: DEFAULTS.noticesFolder },
    content: { type: "string", default: DEFAULTS.contentDir },
    map: { type: "string", multiple: true, default: [] },
    slug: { type: "string", default: "romanize" },
    ministry: { type: "string", default: "MOIS" },
    encoding: { type: "string", default: "auto" },
    "old-base-url": { type: "string" },
    "dry-run": { type: "boolean", default: false },
  });
  const lang = langOption(values.lang);
  if (values.from === undefined)
    throw new UsageError("--from is required: the export file to read");
  const slugMode = values.slug;
  if (!(SLUG_MODES as readonly string[]).includes(slugMode)) {
    throw new UsageError(
      `--slug: expected ${SLUG_MODES.join(" or ")}, got ${JSON.stringify(slugMode)}`,
    );
  }
  const encoding = values.encoding;
  if (!(ENCODINGS as readonly string[]).includes(encoding)) {
    throw new UsageError(
      `--encoding: expected ${ENCODINGS.join(", ")}, got ${JSON.stringify(encoding)}`,
    );
  }
  const oldBaseUrl = values["old-base-url"];
  if (oldBaseUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(oldBaseUrl)) {
    throw new UsageError(
      `--old-base-url: expected the old site's address, like https://www.mois.go.kr, got ${JSON.stringify(oldBaseUrl)}`,
    );
  }
  const columnMap = parseColumnMap(values.map);
  if (!isContentFolder(values.content))
    throw new UsageError(`content folder not found: ${values.content}`);

  const dataDir = join(values.content, "_data");
  const ministryCodes = new Set(
    Object.keys(readData(join(dataDir, "ministries.json"), ministriesSchema)),
  );
  if (!ministryCodes.has(values.ministry)) {
    throw new UsageError(
      `--ministry: expected a code from _data/ministries.json (${[...ministryCodes].join(", ")}), got ${JSON.stringify(values.ministry)}`,
    );
  }
  const site = readData(join(dataDir, "site.json"), siteSchema);
  const boards = existsSync(join(dataDir, "boards.json"))
    ? readData(join(dataDir, "boards.json"), boardsSchema)
    : DEFAULT_BOARDS;
  const board = boards.find((entry) => entry.id === values.board);
  if (board === undefined) {
    throw new UsageError(
      `--board: expected a board of _data/boards.json (${boards.map((b) => b.id).join(", ")}), got ${JSON.stringify(values.board)}`,
    );
  }
  const siteRoot = `${site.baseUrl}${site.pathPrefix.replace(/\/$/, "")}`;

  const fileName = basename(values.from);
  const bytes = readExport(values.from);
  const decoded = decodeExport(bytes, encoding as EncodingChoice);
  if ("problem" in decoded) throw new UsageError(`${values.from}: ${decoded.problem}`);
  if (decoded.encoding === "cp949") console.log(`${fileName}: read as CP949 (EUC-KR) text`);

  let entries: ExportEntry[];
  const fileProblems: EntryProblem[] = [];
  if (/^\s*</.test(decoded.text)) {
    if (values.map.length > 0)
      throw new UsageError("--map is for CSV files: a feed's fields are its own");
    const feed = readFeed(decoded.text, fileName);
    if (!Array.isArray(feed)) throw new UsageError(`${values.from}: ${feed.problem}`);
    entries = feed;
  } else {
    const csv = readCsv(decoded.text, fileName, columnMap);
    entries = csv.entries;
    fileProblems.push(...csv.problems);
  }

  const redirects = readRedirects(dataDir);
  const noticesDir = join(values.content, lang, board.id);
  const outcome = withEnvironment(`cannot write the notices into ${noticesDir}`, () =>
    importEntries(
      entries,
      {
        lang,
        noticesDir,
        ministry: values.ministry,
        ministryCodes,
        departments: readDepartments(dataDir),
        slugMode: slugMode as SlugMode,
        oldBaseUrl,
        siteRoot,
        boardSegment: board.segment ?? board.id,
        dryRun: values["dry-run"],
      },
      redirects,
    ),
  );
  const refused = [...fileProblems, ...outcome.refused];
  const reports = [
    ...refused.map((problem) => ({ problem, warning: false })),
    ...outcome.warnings.map((problem) => ({ problem, warning: true })),
  ].sort((a, b) => a.problem.order - b.problem.order);
  for (const { problem, warning } of reports) console.error(formatProblem(problem, warning));

  const dryRun = values["dry-run"];
  if (dryRun)
    for (const name of outcome.written)
      console.log(`Would write ${display(join(noticesDir, name))}`);
  const redirectFiles =
    dryRun || redirects.size === 0
      ? []
      : withEnvironment(`cannot write the redirect map into ${dataDir}`, () =>
          writeRedirects(dataDir, redirects),
        );
  const count = (n: number, one: string, many = `${one}s`) =>
    `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
  console.log(
    [
      `${dryRun ? "Would import" : "Imported"} ${count(outcome.written.length, "notice")} into ${display(noticesDir)}`,
      outcome.alreadyThere > 0
        ? `${count(outcome.alreadyThere, "entry", "entries")} already imported`
        : "",
      refused.length > 0
        ? `${count(refused.length, "entry", "entries")} refused (listed above)`
        : "",
    ]
      .filter((part) => part !== "")
      .join("; ") + ".",
  );
  if (redirects.size > 0 && !dryRun) {
    console.log(
      `Redirects: ${count(redirects.size, "old address", "old addresses")} in ${display(join(dataDir, REDIRECT_FILES.json))}${redirectFiles.length === 0 ? " (unchanged)" : ""}, with ${REDIRECT_FILES.nginx} and ${REDIRECT_FILES.apache} beside it for the old site's server.`,
    );
  }
  return Promise.resolve(refused.length > 0 ? EXIT.content : EXIT.ok);
});

/** The export's bytes; a missing file is a usage error, a machine failure an environment one. */
function readExport(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT")
      throw new UsageError(`--from: no such file: ${path}`);
    if ((error as { code?: unknown }).code === "EISDIR")
      throw new UsageError(`--from: expected a file, got the folder ${path}`);
    throw environmentError(error, "cannot read the export", path) ?? error;
  }
}

/** A data file read with its schema; one that is broken is for `npm run check` to explain. */
function readData<T>(
  path: string,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const environment = environmentError(error, "cannot read", path);
    if (environment !== undefined && (error as { code?: unknown }).code !== "ENOENT")
      throw environment;
    json = undefined;
  }
  const result = schema.safeParse(json);
  if (!result.success)
    throw new UsageError(
      `${display(path)}: missing or not valid: run \`npm run check\` for details`,
    );
  return result.data;
}

/** Department codes by code and by name, when the content folder has `_data/departments.json`. */
function readDepartments(dataDir: string): Map<string, string> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(dataDir, "departments.json"), "utf8"));
  } catch {
    return undefined;
  }
  if (typeof json !== "object" || json === null) return undefined;
  const byName = new Map<string, string>();
  for (const [code, names] of Object.entries(
    json as Record<string, { ko?: unknown; en?: unknown }>,
  )) {
    byName.set(code, code);
    for (const name of [names.ko, names.en])
      if (typeof name === "string") byName.set(name.trim(), code);
  }
  return byName;
}

/** Runs `work`, making a disk or permission failure an EnvironmentError naming what was done. */
function withEnvironment<T>(doing: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof EnvironmentError) throw error;
    throw environmentError(error, doing) ?? error;
  }
}

function display(path: string): string {
  return relative(process.cwd(), path).split(sep).join("/") || ".";
}
