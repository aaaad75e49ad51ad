/**
 * An export made into notices: each entry checked as `npm run check` would check its file,
 * written under a file name of its own (never over another file), and its old address added to
 * the redirect map. Entries that cannot become a notice are reported with where they are and why.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkNewNotice } from "../content/scaffold.ts";
import type { Lang } from "../options.ts";
import { noticeUrl } from "../urls.ts";
import { readExportDate } from "./dates.ts";
import type { EntryProblem, ExportEntry } from "./entries.ts";
import { BodyConverter } from "./html.ts";
import { oldAddress } from "./redirects.ts";
import type { RedirectMap } from "./redirects.ts";
import { slugFromAnyTitle, slugFromId } from "./slug.ts";
import type { SlugMode } from "./slug.ts";

/** What an import needs to know besides its entries. */
export interface ImportSettings {
  readonly lang: Lang;
  /** The language's notices folder, `content/ko/notices`. */
  readonly noticesDir: string;
  readonly ministry: string;
  readonly ministryCodes: ReadonlySet<string>;
  /** Department code by code and by Korean and English name, from `_data/departments.json`. */
  readonly departments: ReadonlyMap<string, string> | undefined;
  readonly slugMode: SlugMode;
  /** The old site's address, for entries and links given as paths. */
  readonly oldBaseUrl: string | undefined;
  /** The new site's address with its path prefix, without the final slash. */
  readonly siteRoot: string;
  /** The board's URL segment, for the redirect map. */
  readonly boardSegment: string;
  readonly dryRun: boolean;
}

/** What became of the entries. */
export interface ImportOutcome {
  /** File names written (or, in a dry run, that would be). */
  readonly written: string[];
  /** Entries whose notice was already there, from an earlier import. */
  readonly alreadyThere: number;
  readonly refused: EntryProblem[];
  readonly warnings: EntryProblem[];
}

const ATTACHMENTS_LABEL: Readonly<Record<Lang, string>> = { ko: "첨부파일", en: "Attachments" };

/** Imports entries into the notices folder, adding their old addresses to `redirects`. */
export function importEntries(
  entries: readonly ExportEntry[],
  settings: ImportSettings,
  redirects: RedirectMap,
): ImportOutcome {
  const converter = new BodyConverter();
  const written: string[] = [];
  const refused: EntryProblem[] = [];
  const warnings: EntryProblem[] = [];
  let alreadyThere = 0;
  const claimed = new Set<string>();
  const seenAddresses = new Set<string>();
  let departmentsMissingSaid = false;
  if (!settings.dryRun) mkdirSync(settings.noticesDir, { recursive: true });

  for (const entry of entries) {
    const refuse = (key: string, message: string) => {
      refused.push({ where: entry.where, order: entry.order, key, message });
    };
    const warn = (key: string, message: string) => {
      warnings.push({ where: entry.where, order: entry.order, key, message });
    };

    const address = entryAddress(entry, settings.oldBaseUrl);
    if (entry.url !== undefined && address === undefined) {
      warn(
        "url",
        `not a web address, so no redirect is made for it: ${JSON.stringify(entry.url.slice(0, 60))}`,
      );
    }
    if (address !== undefined && seenAddresses.has(address)) {
      refuse("url", `the same old address as an earlier entry: ${address}`);
      continue;
    }
    if (address !== undefined) seenAddresses.add(address);
    // An old address in the map was imported before; its notice may have been edited since.
    if (address !== undefined && redirects.has(address)) {
      alreadyThere++;
      continue;
    }

    const title = (entry.title ?? "").replace(/\s+/g, " ").trim();
    if (title === "") {
      refuse("title", "required");
      continue;
    }
    const date = readExportDate(entry.date ?? "");
    if ("problem" in date) {
      refuse("date", date.problem);
      continue;
    }
    const views = (entry.views ?? "").replace(/[\s,]/g, "");
    if (views !== "" && !/^\d+$/.test(views)) {
      refuse(
        "views",
        `expected a whole number like 16869, got ${JSON.stringify((entry.views ?? "").slice(0, 60))}`,
      );
      continue;
    }
    const words =
      settings.slugMode === "id"
        ? slugFromId(entry.id, address)
        : (slugFromAnyTitle(title) ?? slugFromId(entry.id, address));
    if (words === undefined) {
      refuse(
        "slug",
        settings.slugMode === "id"
          ? "no id in the entry or its old address to name the file by: map an id column, or use --slug romanize"
          : "the title has no letters to name the file by, and the entry has no id: map an id or url column",
      );
      continue;
    }

    const base = address ?? settings.oldBaseUrl;
    const body =
      entry.html !== undefined
        ? converter.fromHtml(entry.html, base)
        : converter.fromText(entry.text ?? "");
    for (const note of body.notes) warn("body", note);
    const attachmentLinks = entry.attachments.flatMap((link, index) => {
      const url = converter.absoluteUrl(link, base);
      if (url === undefined) {
        warn("attachments", `not a web address, left out: ${JSON.stringify(link.slice(0, 60))}`);
        return [];
      }
      return [`- [${attachmentName(url, index, settings.lang)}](${url})`];
    });
    let department: string | undefined;
    const departmentName = (entry.department ?? "").trim();
    if (departmentName !== "") {
      department = settings.departments?.get(departmentName);
      if (settings.departments === undefined) {
        // Said once: every entry has the same reason.
        if (!departmentsMissingSaid) {
          warn(
            "department",
            "left out of every entry: the content folder has no _data/departments.json to find the departments in",
          );
          departmentsMissingSaid = true;
        }
      } else if (department === undefined) {
        warn(
          "department",
          `left out: no department named ${JSON.stringify(departmentName)} in _data/departments.json`,
        );
      }
    }

    const summary = (entry.summary ?? "").replace(/\s+/g, " ").trim();
    const frontMatter = (withDepartment: boolean) => [
      "---",
      ...(address === undefined ? [] : [`# imported from ${address}`]),
      `title: ${JSON.stringify(title)}`,
      `date: ${date.written}`,
      ...(views === "" ? [] : [`readCount: ${String(BigInt(views))}`]),
      `ministry: ${settings.ministry}`,
      ...(withDepartment && department !== undefined ? [`department: ${department}`] : []),
      ...(summary === "" ? [] : [`summary: ${JSON.stringify(summary)}`]),
      "---",
    ];
    const text = [
      body.markdown,
      ...(attachmentLinks.length === 0
        ? []
        : [`**${ATTACHMENTS_LABEL[settings.lang]}**\n\n${attachmentLinks.join("\n")}`]),
    ]
      .filter((part) => part !== "")
      .join("\n\n");
    const source = (withDepartment: boolean) =>
      `${frontMatter(withDepartment).join("\n")}\n${text === "" ? "" : `${text}\n`}`;

    // The department is known to _data/departments.json; everything else is the check's.
    const checked = checkNewNotice(
      `${date.day}-${words}.md`,
      source(false),
      settings.ministryCodes,
    );
    if ("key" in checked) {
      refuse(checked.key, checked.message);
      continue;
    }
    const finalSource = source(true);

    const placed = place(settings.noticesDir, `${date.day}-${words}`, finalSource, claimed);
    claimed.add(placed.slug);
    if (placed.existing) {
      alreadyThere++;
      continue;
    }
    if (placed.slug !== `${date.day}-${words}`) {
      warn("slug", `${date.day}-${words} is taken by another notice: written as ${placed.slug}`);
    }
    if (!settings.dryRun) {
      // "wx" refuses to replace a file that appeared since it was looked for.
      writeFileSync(join(settings.noticesDir, `${placed.slug}.md`), finalSource, { flag: "wx" });
    }
    written.push(`${placed.slug}.md`);
    if (address !== undefined) {
      const target = `${settings.siteRoot}${noticeUrl(settings.lang, settings.boardSegment, placed.slug)}`;
      redirects.set(address, target);
    }
  }
  return { written, alreadyThere, refused, warnings };
}

/**
 * The first free file name of `slug`, `slug-2`, `slug-3`, ...: a file already holding exactly
 * this notice is the same import run again, and is left as it is.
 */
function place(
  dir: string,
  slug: string,
  source: string,
  claimed: ReadonlySet<string>,
): { readonly slug: string; readonly existing: boolean } {
  for (let suffix = 1; ; suffix++) {
    const candidate = suffix === 1 ? slug : `${slug}-${String(suffix)}`;
    const path = join(dir, `${candidate}.md`);
    if (claimed.has(candidate)) continue;
    if (!existsSync(path)) return { slug: candidate, existing: false };
    if (readFileSync(path, "utf8") === source) return { slug: candidate, existing: true };
  }
}

/** The entry's old address, absolute and normalised, or undefined. */
function entryAddress(entry: ExportEntry, oldBaseUrl: string | undefined): string | undefined {
  if (entry.url === undefined) return undefined;
  try {
    return oldAddress(new URL(entry.url.trim(), oldBaseUrl).href);
  } catch {
    return undefined;
  }
}

/** A link text for an attachment: its file name when the address has one, or "첨부파일 2". */
function attachmentName(url: string, index: number, lang: Lang): string {
  const last = new URL(url).pathname.split("/").at(-1) ?? "";
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // A malformed escape is shown as written.
  }
  if (/\.[A-Za-z0-9]{1,5}$/.test(name) && !/\.(?:do|php|asp|aspx|jsp|html?)$/i.test(name)) {
    return name.replace(/[[\]\\<&*_`]/g, (char) => `\\${char}`);
  }
  return `${ATTACHMENTS_LABEL[lang]} ${String(index + 1)}`;
}
