/**
 * `npm run new -- --lang en --title "..." [--ministry MOIS] [--date 2026-11-26] [--slug words]
 * [--translate] [--content DIR]`: writes a new notice file (a draft) with valid front matter.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { isBareDate, seoulToday } from "../content/dates.ts";
import { ContentError } from "../content/errors.ts";
import { isContentFolder } from "../content/load.ts";
import { SLUG_WORDS, checkNewNotice, newNoticeSource, slugFromTitle } from "../content/scaffold.ts";
import { DEFAULT_BOARDS, boardsSchema, ministriesSchema } from "../content/schema.ts";
import { DEFAULTS } from "../options.ts";
import { otherLang } from "../urls.ts";
import type { Lang } from "../options.ts";
import { buildInstant } from "../plugins/build-options.ts";
import { EXIT, UsageError, langOption, parseOptions, runCommand } from "./run.ts";

const USAGE =
  'npm run new -- --lang ko|en --title "..." [--ministry CODE] [--date YYYY-MM-DD] [--slug words-in-ascii] [--board ID] [--translate] [--content DIR]';

/** The option that set each front-matter key, to name it in a refusal. */
const OPTION_OF_KEY: Readonly<Partial<Record<string, string>>> = {
  title: "--title",
  date: "--date",
  ministry: "--ministry",
  "file name": "--slug",
};

await runCommand(USAGE, () => {
  const values = parseOptions(process.argv.slice(2), {
    lang: { type: "string" },
    title: { type: "string" },
    ministry: { type: "string", default: "MOIS" },
    date: { type: "string" },
    slug: { type: "string" },
    translate: { type: "boolean", default: false },
    board: { type: "string", default: DEFAULT_BOARDS[0]?.id ?? "notices" },
    content: { type: "string", default: DEFAULTS.contentDir },
  });

  const lang = langOption(values.lang);
  // The check's schema decides what a title may be (its length counted in NFC, its characters);
  // these two rules are only what a file name and a one-line title need on top.
  const title = (values.title ?? "").trim().normalize("NFC");
  if (title === "")
    throw new UsageError('--title is required, for example --title "Public data opening plan"');
  if (/[\n\r\u2028\u2029]/.test(title)) throw new UsageError("--title: expected one line of text");
  const day = values.date ?? seoulToday(buildInstant());
  // The day is also the start of the file name, so a date-time does not do here.
  if (!isBareDate(day)) {
    throw new UsageError(`--date: expected a date like 2026-11-26, got ${JSON.stringify(day)}`);
  }
  const words = slugWords(values.slug, title);
  if (!isContentFolder(values.content)) {
    throw new UsageError(`content folder not found: ${values.content}`);
  }
  const ministry = values.ministry;
  const codes = new Set(ministryCodes(values.content));
  const boards = boardIds(values.content);
  if (!boards.includes(values.board)) {
    throw new UsageError(
      `--board: expected a board of _data/boards.json (${boards.join(", ")}), got ${JSON.stringify(values.board)}`,
    );
  }

  const fileName = `${day}-${words}.md`;
  const langs: Lang[] = values.translate ? [lang, otherLang(lang)] : [lang];
  // Every file is read back as `npm run check` reads it before anything is written.
  const sources = langs.map((each) => {
    const source = newNoticeSource({
      lang: each,
      title,
      day,
      ministry,
      ...(each === lang ? {} : { translateFrom: lang }),
    });
    const checked = checkNewNotice(fileName, source, codes);
    if ("key" in checked) {
      throw new UsageError(`${OPTION_OF_KEY[checked.key] ?? checked.key}: ${checked.message}`);
    }
    return source;
  });
  const paths = langs.map((each) => join(values.content, each, values.board, fileName));
  const taken = paths.filter((path) => existsSync(path));
  if (taken.length > 0) {
    throw new UsageError(
      `${taken.map(display).join(" and ")} already exist${taken.length === 1 ? "s" : ""}: nothing was written; edit that file, or choose another --slug or --date`,
    );
  }

  langs.forEach((each, index) => {
    const path = paths[index] ?? "";
    const source = sources[index] ?? "";
    mkdirSync(join(values.content, each, values.board), { recursive: true });
    // "wx" refuses to replace a file that appeared since the check above.
    writeFileSync(path, source, { flag: "wx" });
    console.log(`Created ${display(path)}${each === lang ? "" : " (to translate)"}`);
  });
  console.log(
    "New notices are drafts: write the text, preview it with `npm start`, check it with `npm run check`, then delete the `draft: true` line to publish.",
  );
  return Promise.resolve(EXIT.ok);
});

/** The words of the file name: --slug as given, or made from an English title. */
function slugWords(slug: string | undefined, title: string): string {
  if (slug !== undefined) {
    if (isBareDate(slug.slice(0, 10)) && slug.charAt(10) === "-") {
      throw new UsageError(
        `--slug: leave the date out (it comes from --date), got ${JSON.stringify(slug)}`,
      );
    }
    if (!SLUG_WORDS.test(slug)) {
      throw new UsageError(
        `--slug: expected lower-case ASCII words joined by hyphens, like public-data-plan, got ${JSON.stringify(slug)}`,
      );
    }
    return slug;
  }
  const made = slugFromTitle(title);
  if (made === undefined) {
    throw new UsageError(
      "--slug is needed: a file name cannot be made from this title; give English words, like --slug public-data-plan",
    );
  }
  return made;
}

/** Ministry codes of the content folder; a broken ministries.json is a content error. */
function ministryCodes(contentDir: string): string[] {
  const path = join(contentDir, "_data", "ministries.json");
  const fail = (message: string) =>
    new ContentError([{ file: display(path), key: "file", message, severity: "error" }]);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw fail(error instanceof Error ? error.message : String(error));
  }
  const result = ministriesSchema.safeParse(json);
  if (!result.success) throw fail("not valid: run `npm run check` for details");
  return Object.keys(result.data);
}

/** Board ids of the content folder (`_data/boards.json`, or the default board alone). */
function boardIds(contentDir: string): string[] {
  const path = join(contentDir, "_data", "boards.json");
  if (!existsSync(path)) return DEFAULT_BOARDS.map((board) => board.id);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ContentError([
      { file: display(path), key: "file", message: String(error), severity: "error" },
    ]);
  }
  const result = boardsSchema.safeParse(json);
  if (!result.success) {
    throw new ContentError([
      {
        file: display(path),
        key: "file",
        message: "not valid: run `npm run check` for details",
        severity: "error",
      },
    ]);
  }
  return result.data.map((board) => board.id);
}

function display(path: string): string {
  return relative(process.cwd(), path).split(sep).join("/");
}
