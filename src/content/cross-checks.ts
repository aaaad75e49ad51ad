/**
 * Rules that look at several notices at once, run after every file has been read on its own:
 * translation pairs, schedules, copies, and links from one notice to another.
 */
import { LANGS } from "../options.ts";
import { otherLang } from "../urls.ts";
import type { Lang } from "../options.ts";
import { seoulToday } from "./dates.ts";
import type { ContentIssue } from "./errors.ts";
import { boardTarget, bodyLinks, isOutsideBoard, sitePageExists } from "./links.ts";
import { isExpired, isPinned, isPublished, isScheduled } from "./notice.ts";
import type { SourceNotice } from "./notice.ts";

/** Where a valid notice's parts start in its file, kept so later rules can name a line. */
export interface NoticeLines {
  /** 1-based line on which the Markdown body starts. */
  readonly body: number;
  /** 1-based line of some front-matter keys. */
  readonly keys: Readonly<Partial<Record<string, number>>>;
}

/** Reports one problem about one notice. */
export type NoticeReporter = (
  notice: SourceNotice,
  key: string,
  message: string,
  line: number | undefined,
  severity: ContentIssue["severity"],
) => void;

/** What the rules need besides the valid notices. */
export interface CheckInput {
  /** Valid notices, every language. */
  readonly notices: readonly SourceNotice[];
  /** Slug of every notice file per language, valid or not: a link to a broken file is not broken. */
  readonly files: ReadonlyMap<Lang, ReadonlySet<string>>;
  /** Lines by `lang/slug`. */
  readonly lines: ReadonlyMap<string, NoticeLines>;
  readonly now: number;
  /** The site's own absolute addresses (`https://news.example.go.kr/`). */
  readonly siteOrigins: readonly string[];
  /** URL segment of each board by its id (`_data/boards.json`). */
  readonly segments: ReadonlyMap<string, string>;
  /** Most notices each board pins at once, by board id. */
  readonly maxPinned: ReadonlyMap<string, number>;
  readonly report: NoticeReporter;
}

const LANG_NAMES: Readonly<Record<Lang, string>> = { ko: "Korean", en: "English" };

/** Runs every rule across notices and reports what it finds. */
export function checkNotices(input: CheckInput): void {
  const byKey = new Map(input.notices.map((n) => [`${n.lang}/${n.slug}`, n]));
  const context: RuleContext = {
    ...input,
    byKey,
    lineOf: (notice, key) => input.lines.get(`${notice.lang}/${notice.slug}`)?.keys[key],
  };
  checkTranslations(context);
  checkSchedule(context);
  checkCopies(context);
  checkLinks(context);
  checkPinned(context);
}

/** A board pins at most its `maxPinned` notices in each language at once. */
function checkPinned({ notices, now, maxPinned, lineOf, report }: RuleContext): void {
  const pinned = new Map<string, SourceNotice[]>();
  for (const notice of notices) {
    if (!isPublished(notice, now) || isExpired(notice, now) || !isPinned(notice, now)) continue;
    const key = `${notice.lang}/${notice.board}`;
    pinned.set(key, [...(pinned.get(key) ?? []), notice]);
  }
  for (const [key, list] of pinned) {
    const limit = maxPinned.get(key.slice(3)) ?? 0;
    if (list.length <= limit) continue;
    for (const notice of list) {
      report(
        notice,
        "pinned",
        `${String(list.length)} notices of ${key}/ are pinned, where the board allows ${String(limit)} (maxPinned in _data/boards.json): unpin the oldest`,
        lineOf(notice, "pinned"),
        "error",
      );
    }
  }
}

interface RuleContext extends CheckInput {
  readonly byKey: ReadonlyMap<string, SourceNotice>;
  readonly lineOf: (notice: SourceNotice, key: string) => number | undefined;
}

function checkTranslations({ notices, files, byKey, lineOf, report }: RuleContext): void {
  // Files of the other language by the words after the date, to suggest a rename.
  const byWords = new Map<string, string>();
  for (const lang of LANGS) {
    for (const slug of files.get(lang) ?? []) byWords.set(`${lang}/${slug.slice(11)}`, slug);
  }
  for (const notice of notices) {
    const other = otherLang(notice.lang);
    if (files.get(other)?.has(notice.slug) !== true) {
      const near = byWords.get(`${other}/${notice.slug.slice(11)}`);
      const hint =
        near === undefined
          ? `the language switch on its page leads to the ${LANG_NAMES[other]} list instead`
          : `${other}/${notice.board}/${near}.md has the same words but another date: give both files the same name`;
      report(
        notice,
        "translation",
        `no ${LANG_NAMES[other]} translation (${other}/${notice.board}/${notice.slug}.md); ${hint}`,
        undefined,
        "warning",
      );
      continue;
    }
    // Each pair is compared once, from the English side.
    if (notice.lang !== "en") continue;
    const original = byKey.get(`${other}/${notice.slug}`);
    if (!original) continue;
    if (original.board !== notice.board) {
      report(
        notice,
        "translation",
        `its translation ${original.file} is on another board (${original.board}): keep both in ${notice.board}/ or both in ${original.board}/`,
        undefined,
        "error",
      );
      continue;
    }
    if (original.date.day !== notice.date.day) {
      report(
        notice,
        "date",
        `expected the same day as its translation ${original.file} (${original.date.day}), got ${notice.date.day}`,
        lineOf(notice, "date"),
        "error",
      );
    }
    if (original.ministry !== notice.ministry) {
      report(
        notice,
        "ministry",
        `expected the same ministry as its translation ${original.file} (${original.ministry}), got ${notice.ministry}`,
        lineOf(notice, "ministry"),
        "error",
      );
    }
  }
}

function checkSchedule({ notices, now, lineOf, report }: RuleContext): void {
  const today = seoulToday(now);
  for (const notice of notices) {
    const fileDay = notice.slug.slice(0, 10);
    if (fileDay !== notice.date.day) {
      report(
        notice,
        "date",
        `the file name starts with ${fileDay} but the date is ${notice.date.day}; the name is the notice's address, so rename the file if the date is right`,
        lineOf(notice, "date"),
        "warning",
      );
    }
    if (notice.expires !== undefined && notice.expires.epochMs <= notice.date.epochMs) {
      report(
        notice,
        "expires",
        `expected a day on or after the notice's date (${notice.date.day}), got ${notice.expires.day}`,
        lineOf(notice, "expires"),
        "error",
      );
    }
    if (isScheduled(notice, now)) {
      report(
        notice,
        "date",
        `${notice.date.day} is after today (${today} in Seoul): the notice is published by the first build on or after that day`,
        lineOf(notice, "date"),
        "warning",
      );
    } else if (notice.updated !== undefined && notice.updated.day > today) {
      report(
        notice,
        "updated",
        `${notice.updated.day} is after today (${today} in Seoul): the page would say it was updated on a day still to come; give the day it was changed`,
        lineOf(notice, "updated"),
        "warning",
      );
    }
  }
}

function checkCopies({ notices, lineOf, report }: RuleContext): void {
  const seen = new Map<string, SourceNotice>();
  for (const notice of notices) {
    const key = `${notice.lang}/${notice.date.day}/${notice.title.toLowerCase().replace(/\s+/g, " ")}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, notice);
      continue;
    }
    report(
      notice,
      "title",
      `the same title and date as ${first.file}: if one is a copy, delete it; otherwise make the titles differ`,
      lineOf(notice, "title"),
      "warning",
    );
  }
}

function checkLinks(context: RuleContext): void {
  const { notices, files, lines, byKey, now, siteOrigins, segments, report } = context;
  const isLive = (n: SourceNotice) => isPublished(n, now);
  const known = new Set(segments.values());
  const segmentOf = (board: string) => segments.get(board) ?? board;
  for (const notice of notices) {
    const bodyLine = lines.get(`${notice.lang}/${notice.slug}`)?.body ?? 1;
    const isOutside = (href: string) => isOutsideBoard(href, siteOrigins);
    for (const link of bodyLinks(notice.body, isOutside)) {
      const from = { lang: notice.lang, board: segmentOf(notice.board), slug: notice.slug };
      const target = boardTarget(link.href, from, siteOrigins, known);
      const line = bodyLine + link.line - 1;
      if (target === undefined) {
        if (sitePageExists(link.href, from, siteOrigins, known) === false) {
          const boards = [...known].map((segment) => `${segment}/`).join(", ");
          report(
            notice,
            "link",
            `${link.href} leads to no page of this site (in a language folder there are the home page, the boards ${boards}, their notices, search/ and the feeds)`,
            line,
            "warning",
          );
        }
        continue;
      }
      const file = `${target.lang}/${notice.board}/${target.slug}.md`;
      if (files.get(target.lang)?.has(target.slug) !== true) {
        report(
          notice,
          "link",
          `${link.href} leads to no notice (expected a file ${file}); link to notices as /${target.lang}/${segmentOf(notice.board)}/<file name without .md>/`,
          line,
          "error",
        );
        continue;
      }
      // A target with errors of its own is reported there.
      const linked = byKey.get(`${target.lang}/${target.slug}`);
      if (linked === undefined) continue;
      if (
        target.kind === "attachment" &&
        !linked.attachments.some((a) => a.fileName === target.fileName)
      ) {
        const asNotice = target.fileName.endsWith(".md")
          ? `; to link to a notice, write /${target.lang}/${segmentOf(linked.board)}/${target.fileName.slice(0, -3)}/`
          : "";
        report(
          notice,
          "link",
          `${link.href} leads to no attachment of ${file} (its attachments: ${linked.attachments.map((a) => a.fileName).join(", ") || "none"})${asNotice}`,
          line,
          "error",
        );
        continue;
      }
      if (isLive(notice) && !isLive(linked)) {
        const why = linked.draft ? "a draft" : `scheduled for ${linked.date.day}`;
        report(
          notice,
          "link",
          `${link.href} leads to ${file}, which is ${why}: the link does not work until that notice is published`,
          line,
          "warning",
        );
      }
    }
  }
}
