/**
 * The content model. The zod schemas here are the single source of truth: the TypeScript types
 * are inferred from them and the editors' reference is generated from their descriptions.
 */
import { z } from "zod";
import { forbiddenCharacterMessage } from "./text.ts";
import { describeValue } from "./errors.ts";
import { parseExpiryDate, parseNoticeDate } from "./dates.ts";

const expected = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? "required" : `expected ${what}, got ${describeValue(issue.input)}`;

const noticeDate = (parse = parseNoticeDate) =>
  z
    .string({ error: expected("a date like 2018-07-23") })
    .transform((text, ctx) => {
      const date = parse(text);
      if (date === undefined) {
        ctx.addIssue({
          code: "custom",
          input: text,
          message: `expected a date like 2018-07-23 (or 2018-07-23T09:00:00+09:00), got ${describeValue(text)}`,
        });
        return z.NEVER;
      }
      return date;
    })
    // The reference shows "date" for this format; the JSON Schema keyword says the same.
    .meta({ format: "date" });

const attachment = z.strictObject(
  {
    file: z
      .string({ error: expected("a file path relative to the notices folder") })
      .trim()
      .min(1, "required")
      .refine(isSafeRelativePath, {
        error: "expected a path inside the notices folder (no leading /, no .., no backslash)",
      }),
    title: z
      .string({ error: expected("text") })
      .trim()
      .superRefine(publishable)
      .min(1, "must not be empty")
      .max(300, "must be at most 300 characters"),
  },
  { error: expected("a mapping with file and title") },
);

/** Keys a notice's front matter may have, built for the ministries a site knows. */
export function noticeFrontMatterSchema(ministryCodes: ReadonlySet<string>) {
  return z.strictObject(
    {
      title: z
        .string({ error: expected("text") })
        .trim()
        .superRefine(publishable)
        .min(1, "must not be empty")
        .max(300, "must be at most 300 characters")
        .meta({ description: "The notice's title, as the board list and the page show it." }),
      date: noticeDate().meta({
        description:
          "The notice's day: `2018-07-23` is a day in Seoul (whatever the computer's time zone); `2018-07-23T09:00:00+09:00` adds a time. A day after today schedules the notice: it is published by the first build on or after that day.",
      }),
      readCount: z
        .number({ error: expected("a whole number like 16869 (no commas)") })
        .int("expected a whole number")
        .min(0, "must be 0 or more")
        .default(0)
        .meta({
          description:
            "Reads counted before the site's analytics: digits only, no commas. Shown grouped (16,869); counts in `_data/readCounts.json` are added to it.",
        }),
      ministry: z
        .string({ error: expected("a ministry code such as MOIS") })
        .refine((code) => ministryCodes.has(code), {
          error: `expected a code from _data/ministries.json (${[...ministryCodes].join(", ")})`,
        })
        .meta({
          format: "ministry code",
          description:
            "The ministry that issues the notice: a code from `_data/ministries.json`, such as `MOIS`. A translation has the same.",
        }),
      summary: z
        .string({ error: expected("text") })
        .trim()
        .superRefine(publishable)
        .max(500, "must be at most 500 characters")
        .optional()
        .meta({
          description:
            "One or two sentences shown in feeds and search results, and given to search engines as the page's description.",
        }),
      draft: z
        .boolean({ error: expected("true or false") })
        .default(false)
        .meta({
          description:
            "`true` keeps the notice off the published site; the preview (`npm start`) shows it, marked as a draft. Delete the line to publish.",
        }),
      expires: noticeDate(parseExpiryDate)
        .optional()
        .meta({
          description:
            "The last day the notice is listed. From the next day it leaves the lists and feeds; its page stays, with a note that it has expired. Not before `date`.",
        }),
      attachments: z
        .array(attachment, { error: expected("a list of { file, title }") })
        .default([])
        .meta({
          description:
            "Files to download below the text. `file` is the path from the language's `notices/` folder (keep files in a subfolder such as `attachments/`) and must exist; `title` is the text of the link. One notice cannot have two files of the same name.",
        }),
    },
    { error: expected("a mapping of keys") },
  );
}

/** Validated front matter of one notice. */
export type NoticeFrontMatter = z.output<ReturnType<typeof noticeFrontMatterSchema>>;

/** One attachment as written in front matter. */
export type AttachmentEntry = NoticeFrontMatter["attachments"][number];

/** Names of the front-matter keys, in documentation order. */
export const NOTICE_KEYS = Object.keys(noticeFrontMatterSchema(new Set()).shape);

/** `_data/ministries.json`: code -> names in both languages. */
export const ministriesSchema = z
  .record(
    z.string().regex(/^[A-Z][A-Z0-9_]*$/, "ministry codes are upper-case letters and digits"),
    z.strictObject({
      ko: z.string({ error: expected("a Korean name") }).trim().min(1).superRefine(publishable),
      en: z.string({ error: expected("an English name") }).trim().min(1).superRefine(publishable),
    }),
  )
  .refine((record) => "MOIS" in record, { error: "must contain MOIS" });

/** Ministry names by code. */
export type Ministries = z.output<typeof ministriesSchema>;

// Folder names only: a `.` or `..` segment would point links somewhere else than the site.
const urlPathPrefix = z
  .string()
  .regex(/^\/((?!\.\.?\/)[A-Za-z0-9._~-]+\/)*$/, "expected a path like / or /repo-name/");

/**
 * True for a base URL that is only a scheme and host (`https://news.example.go.kr`): links in
 * pages are root-relative and get only the path prefix, so a path here would be lost in them.
 */
export function isSiteOrigin(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.pathname === "/" && parsed.search === "" && parsed.hash === "" && !parsed.username;
  } catch {
    return false;
  }
}

/** What a base URL with a path is told. */
export const SITE_ORIGIN_EXPECTED =
  "expected the site's address without a path, like https://news.example.go.kr (a folder such as /repo-name/ goes in pathPrefix)";

/** `_data/site.json`: names, base URL and path prefix of the published site. */
export const siteSchema = z.strictObject({
  name: z.strictObject({
    ko: z.string().trim().min(1).superRefine(publishable),
    en: z.string().trim().min(1).superRefine(publishable),
  }),
  baseUrl: z
    .url({ protocol: /^https?$/, error: expected("an absolute http(s) URL") })
    .refine(isSiteOrigin, { error: SITE_ORIGIN_EXPECTED })
    .transform((url) => url.replace(/\/+$/, "")),
  pathPrefix: urlPathPrefix.default("/"),
  defaultLang: z.enum(["ko", "en"]).default("ko"),
});

/** Validated site settings. */
export type SiteSettings = z.output<typeof siteSchema>;

/** Validates a command-line `--path-prefix`, normalising `/name` and `name` to `/name/`. */
export function normalisePathPrefix(value: string): string | undefined {
  const withSlashes = `/${value.replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
  return urlPathPrefix.safeParse(withSlashes).success ? withSlashes : undefined;
}

/** `_data/readCounts.json`: analytics counts added to each notice's baseline. */
export const readCountsSchema = z.strictObject({
  updated: z
    .string({ error: expected("a date like 2026-11-25") })
    .refine((text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && parseNoticeDate(text) !== undefined, {
      error: "expected a date like 2026-11-25",
    }),
  counts: z.record(
    z.string(),
    z
      .number({ error: expected("a whole number") })
      .int("expected a whole number")
      .min(0, "must be 0 or more"),
  ),
});

/** Validated analytics read counts, keyed `lang/slug`. */
export type ReadCounts = z.output<typeof readCountsSchema>;

/** True for a relative path that cannot leave its folder: no leading /, no `..`, no backslash. */
export function isSafeRelativePath(path: string): boolean {
  if (path.startsWith("/") || path.includes("\\") || path.includes("\0")) return false;
  return path.split("/").every((part) => part !== ".." && part !== "." && part !== "");
}

/** Refuses text with a character HTML forbids, which YAML and JSON escapes such as "\x07" can hold. */
function publishable(text: string, ctx: z.RefinementCtx<string>): void {
  const message = forbiddenCharacterMessage(text);
  if (message !== undefined) ctx.addIssue({ code: "custom", input: text, message });
}
