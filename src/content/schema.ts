/**
 * The content model. The zod schemas here are the single source of truth: the TypeScript types
 * are inferred from them and the editors' reference is generated from their descriptions.
 */
import { z } from "zod";
import { bidiControlMessage, forbiddenCharacterMessage } from "./text.ts";
import { describeValue } from "./errors.ts";
import {
  NOTICE_DATE_RANGE,
  isBareDate,
  noticeDateProblem,
  parseExpiryDate,
  parseNoticeDate,
} from "./dates.ts";
import { WrittenNumber } from "./front-matter.ts";

/** A value as an editor wrote it: a number as its text (`1e3`), anything else as errors.ts says. */
function described(value: unknown): string {
  return value instanceof WrittenNumber ? value.source : describeValue(value);
}

const expected = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? "required" : `expected ${what}, got ${described(issue.input)}`;

const DATE_EXPECTED = "expected a date like 2018-07-23 (or 2018-07-23T09:00:00+09:00)";

const noticeDate = (parse = parseNoticeDate) =>
  z
    .string({ error: expected("a date like 2018-07-23") })
    .transform((text, ctx) => {
      const date = parse(text);
      const problem = noticeDateProblem(text, date);
      if (problem !== undefined || date === undefined) {
        ctx.addIssue({
          code: "custom",
          input: text,
          message:
            date !== undefined
              ? (problem ?? "")
              : `${DATE_EXPECTED}, got ${describeValue(text)}${problem === undefined || problem === "not a date" ? "" : `: ${problem}`}`,
        });
        return z.NEVER;
      }
      return date;
    })
    // The reference shows "date" for this format; the JSON Schema keyword says the same.
    .meta({ format: "date" });

/**
 * Text as a reader sees it: trimmed, in Unicode NFC (so a title typed as decomposed Hangul jamo
 * is stored, published and measured like the same title composed), with at most `max`
 * characters (code points, which is also how JSON Schema's maxLength counts).
 */
const readerText = (min: number, max: number) =>
  z
    .string({ error: expected("text") })
    .trim()
    .normalize("NFC")
    .superRefine(publishable)
    .superRefine((text, ctx) => {
      const bidi = bidiControlMessage(text);
      if (bidi !== undefined) ctx.addIssue({ code: "custom", input: text, message: bidi });
      const length = characterCount(text);
      if (min > 0 && length < min) {
        ctx.addIssue({ code: "custom", input: text, message: "must not be empty" });
      } else if (length > max) {
        ctx.addIssue({
          code: "custom",
          input: text,
          message: `must be at most ${String(max)} characters, got ${String(length)}`,
        });
      }
    })
    .meta({ ...(min > 0 ? { minLength: min } : {}), maxLength: max });

/** Characters of a text as Unicode counts them (code points; an emoji is one, not two). */
export function characterCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // A high surrogate followed by a low one is one character.
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    count++;
  }
  return count;
}

// The largest count a JavaScript number holds exactly; beyond it 9007199254740993 reads as ...992.
const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/**
 * Why a `readCount` value is not digits as the guide asks (`readCount: 16869`), said for an
 * editor; undefined when it is. The text as written decides: YAML reads `1e3`, `0x10`, `+5`
 * and `5.` as numbers too, and `16,869` or `"16869"` as text.
 */
export function readCountProblem(value: unknown): string | undefined {
  const ask = "expected a whole number like 16869";
  if (value instanceof WrittenNumber) {
    const { source } = value;
    if (/^[0-9]+$/.test(source)) {
      // YAML 1.1 readers (and so some editing tools) take a leading 0 for octal: 010 is 8 there.
      if (/^0[0-9]/.test(source)) return `${ask} (no leading zeros), got ${source}`;
      if (!(value.value <= MAX_COUNT)) {
        return `expected a whole number of at most ${String(MAX_COUNT)}, got ${source}`;
      }
      return undefined;
    }
    if (/^-0*[1-9][0-9]*$/.test(source)) return `must be 0 or more, got ${source}`;
    if (/^[+-][0-9]+$/.test(source)) return `${ask} (no + or - sign), got ${source}`;
    return `${ask}, in digits only (no exponent, decimal point, hexadecimal, octal or .inf), got ${source}`;
  }
  if (typeof value === "string") {
    if (/^[0-9]{1,3}(?:,[0-9]{3})+$/.test(value)) return `${ask} (no commas), got ${describeValue(value)}`;
    if (/^\s*[0-9]+\s*$/.test(value)) return `${ask} (no quotes), got ${describeValue(value)}`;
    return `${ask}, got ${describeValue(value)}`;
  }
  // A number that comes from no file has no written form to hold to the rule.
  return `${ask}, got ${typeof value === "number" ? "a number not read from a notice file" : described(value)}`;
}

const attachment = z.strictObject(
  {
    file: z
      .string({ error: expected("a file path relative to the notices folder") })
      .trim()
      .min(1, "required")
      .refine(isSafeRelativePath, {
        error: "expected a path inside the notices folder (no leading /, no .., no backslash)",
      }),
    title: readerText(1, 300),
  },
  { error: expected("a mapping with file and title") },
);

/** The licences a notice may carry: the four KOGL types (https://www.kogl.or.kr) or none. */
export const LICENSES = ["kogl-1", "kogl-2", "kogl-3", "kogl-4", "none"] as const;

/** A notice's licence code. */
export type License = (typeof LICENSES)[number];

const license = z.enum(LICENSES, {
  error: (issue) => `expected one of ${LICENSES.join(", ")}, got ${described(issue.input)}`,
});

/** Keys a notice's front matter may have, built for the ministries and departments a site knows. */
export function noticeFrontMatterSchema(
  /** Undefined when `_data/ministries.json` could not be read: that error is reported once. */
  ministryCodes: ReadonlySet<string> | undefined,
  departmentCodes: ReadonlySet<string> = new Set(),
) {
  return z.strictObject(
    {
      title: readerText(1, 300).meta({
        description:
          "The notice's title, as the board list and the page show it. Characters are counted as a reader sees them: Korean typed as separate jamo counts (and is published) as the composed syllables.",
      }),
      date: noticeDate().meta({
        description: `The notice's day: \`2018-07-23\` is a day in Seoul (whatever the computer's time zone); \`2018-07-23T09:00:00+09:00\` adds a time, which needs its offset (\`+09:00\` in Seoul, or \`Z\`). From ${NOTICE_DATE_RANGE.first} to ${NOTICE_DATE_RANGE.last}. A day after today schedules the notice: it is published by the first build on or after that day.`,
      }),
      readCount: z
        .unknown()
        // A file's numbers are all WrittenNumbers, so the plain 0 here is only ever this default.
        .default(0)
        .transform((value, ctx) => {
          if (value === 0) return 0;
          const problem = readCountProblem(value);
          if (problem !== undefined || !(value instanceof WrittenNumber)) {
            ctx.addIssue({ code: "custom", input: value, message: problem ?? "" });
            return z.NEVER;
          }
          return value.value;
        })
        // The JSON Schema of the reference: what an editor writes, not the check's own shape.
        .meta({
          type: "integer",
          minimum: 0,
          description:
            "Reads counted before the site's analytics: digits only as in `readCount: 16869`, no commas, quotes, sign or leading zeros. Shown grouped (16,869); counts in `_data/readCounts.json` are added to it.",
        }),
      ministry: z
        .string({ error: expected("a ministry code such as MOIS") })
        .refine((code) => ministryCodes === undefined || ministryCodes.has(code), {
          error: (issue) =>
            `expected a code from _data/ministries.json (${[...(ministryCodes ?? [])].join(", ")}), got ${described(issue.input)}`,
        })
        .meta({
          format: "ministry code",
          description:
            "The ministry that issues the notice: a code from `_data/ministries.json`, such as `MOIS`. A translation has the same.",
        }),
      summary: readerText(0, 500)
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
      department: z
        .string({ error: expected("a department code") })
        .refine((code) => departmentCodes.has(code), {
          error: (issue) =>
            departmentCodes.size === 0
              ? `no departments are defined: add _data/departments.json, got ${described(issue.input)}`
              : `expected a code from _data/departments.json (${[...departmentCodes].join(", ")}), got ${described(issue.input)}`,
        })
        .optional()
        .meta({
          format: "department code",
          description:
            "The department in charge (담당부서): a code from `_data/departments.json`. The page shows its name and phone number; the board list shows it where the site lists departments.",
        }),
      contact: readerText(1, 100)
        .optional()
        .meta({
          description:
            "The person to ask (담당자), as the page shows it, for example `김민준 주무관` or `Kim Minjun, Deputy Director`.",
        }),
      license: license.optional().meta({
        description:
          "The notice's licence: a KOGL type `kogl-1` to `kogl-4` (공공누리 제1-4유형) or `none`. Without it the site's default licence (`_data/identity.json`) applies.",
      }),
      updated: noticeDate()
        .optional()
        .meta({
          description:
            "The day the notice last changed (최종수정일 / Last updated), shown beside its date and given to the sitemap and feeds. Not before `date`, and not after today (a warning); the notice keeps its place on the board by `date`.",
        }),
      pinned: z
        .union([z.boolean(), noticeDate(parseExpiryDate)], {
          error: expected("true, false or a date like 2026-12-31"),
        })
        .optional()
        // The web editor offers the switch; a date (pinned until that day) is written by hand.
        .meta({
          type: "boolean",
          description:
            "`true` pins the notice to the top of every list page of its board, marked 공지 / Notice (it keeps its numbered row too); a date pins it through that day. A board pins at most its `maxPinned` notices (`_data/boards.json`).",
        }),
    },
    { error: expected("a mapping of keys") },
  );
}

/**
 * The rule across keys of one notice: `updated` is not before `date`. Kept out of the object
 * schema so the schema keeps its shape for the reference; load.ts applies it to a valid notice.
 */
export function updatedProblem(data: {
  readonly date: { readonly epochMs: number; readonly day: string };
  readonly updated?: { readonly epochMs: number; readonly day: string } | undefined;
}): string | undefined {
  if (data.updated === undefined || data.updated.epochMs >= data.date.epochMs) return undefined;
  return `must not be before the notice's date (${data.date.day}), got ${data.updated.day}`;
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
  .refine((record) => Object.keys(record).length > 0, { error: "must name at least one ministry" });

/** Ministry names by code. */
export type Ministries = z.output<typeof ministriesSchema>;

/** A value read from an address setting: the normalised value, or why it is refused. */
export type AddressReading =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly why: string };

/** What a refused base URL is told, before what was found. */
export const SITE_ORIGIN_EXPECTED =
  "expected the site's address without a path, like https://news.example.go.kr";

/** What a refused path prefix is told, before what was found. */
export const PATH_PREFIX_EXPECTED = "expected a path like / or /repo-name/";

/** `expected ..., got "value" (why)`: the one-line refusal of an address setting. */
export function addressProblem(expected: string, value: string, why: string): string {
  return `${expected}, got ${JSON.stringify(value)} (${why})`;
}

// What neither address setting may hold, whatever the URL parser would make of it: the parser
// drops tabs and newlines, turns \ into /, and keeps %2e and %2f, which servers decode into
// . and / after the site's links were made.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BLANK_OR_CONTROL = /[\s\x00-\x1f\x7f-\x9f\u200b-\u200d\u2028\u2029\ufeff]/u;
function commonAddressProblem(value: string): string | undefined {
  if (BLANK_OR_CONTROL.test(value)) return "no spaces or control characters";
  if (value.includes("\\")) return "no backslash";
  if (value.includes("%")) return "no percent-encoded characters such as %2e or %2f";
  if (value.includes("?") || value.includes("#")) return "no query (?) or fragment (#)";
  return undefined;
}

/**
 * Reads a base URL (`--base-url`, `baseUrl`): only a scheme, a host and maybe a port, since links
 * in pages are root-relative and get only the path prefix, so a path here would be lost in them.
 * One trailing slash is dropped; the host is lower-cased as browsers do.
 */
export function readSiteOrigin(value: string): AddressReading {
  const refuse = (why: string): AddressReading => ({ ok: false, why });
  const common = commonAddressProblem(value);
  if (common !== undefined) return refuse(common);
  const parts = /^(https?):\/\/([^/]*)(\/?)(.*)$/i.exec(value);
  if (parts === null) return refuse("starting with https:// or http://");
  const [, , authority = "", , path = ""] = parts;
  if (authority.includes("@")) return refuse("no user name or password");
  if (authority === "") return refuse("a host name after the //");
  if (path !== "") return refuse("no path: the site's folder is the path prefix");
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return refuse("a valid host name and port");
  }
  return { ok: true, value: parsed.origin };
}

/** True for a base URL that readSiteOrigin accepts. */
export function isSiteOrigin(url: string): boolean {
  return readSiteOrigin(url).ok;
}

// Folder names only, of the characters a URL path carries as they are (RFC 3986 unreserved).
const PREFIX_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/**
 * Reads a path prefix (`--path-prefix`, `pathPrefix`), normalising `news` and `/news` to
 * `/news/` and an empty value to `/`. Refuses `.` and `..` segments, which would point links
 * somewhere else than the site, and `//x`, which a browser reads as another host.
 */
export function readPathPrefix(value: string): AddressReading {
  const refuse = (why: string): AddressReading => ({ ok: false, why });
  const common = commonAddressProblem(value);
  if (common !== undefined) return refuse(common);
  if (value === "" || value === "/") return { ok: true, value: "/" };
  if (value.startsWith("//")) return refuse("not //, which a browser reads as another site");
  const inner = value.replace(/^\//, "").replace(/\/$/, "");
  const segments = inner.split("/");
  if (segments.some((segment) => segment === "")) return refuse("no empty folders");
  if (segments.some((segment) => segment === "." || segment === "..")) {
    return refuse("no . or .. folders");
  }
  if (!segments.every((segment) => PREFIX_SEGMENT.test(segment))) {
    return refuse("folder names of letters, digits, - . _ and ~ only");
  }
  return { ok: true, value: `/${inner}/` };
}

/** Validates a command-line `--path-prefix`, normalising `/name` and `name` to `/name/`. */
export function normalisePathPrefix(value: string): string | undefined {
  const reading = readPathPrefix(value);
  return reading.ok ? reading.value : undefined;
}

/** A zod string read by one of the address readers, refused as addressProblem says. */
const address = (read: (value: string) => AddressReading, what: string) =>
  z.string({ error: expected("text") }).transform((value, ctx) => {
    const reading = read(value);
    if (reading.ok) return reading.value;
    ctx.addIssue({ code: "custom", input: value, message: addressProblem(what, value, reading.why) });
    return z.NEVER;
  });

/** Which column of the board list names where a notice comes from. */
export const BOARD_COLUMNS = ["department", "ministry"] as const;

/**
 * `editor` in `_data/site.json`: whether the published site carries the web editor at /admin/
 * (the preview always does), and the GitHub repository it commits to through pull requests.
 */
const editorSettingsSchema = z
  .strictObject(
    {
      publish: z.boolean({ error: expected("true or false") }).default(false),
      backend: z
        .strictObject(
          {
            name: z.literal("github", { error: expected('"github"') }),
            repo: z
              .string({ error: expected("a repository like owner/name") })
              .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "expected a repository like owner/name"),
            branch: z.string({ error: expected("a branch name") }).trim().min(1).default("main"),
            // The OAuth proxy's address (https://decapcms.org/docs/external-oauth-clients/).
            baseUrl: z
              .string({ error: expected("an https:// address") })
              .regex(/^https:\/\/[^\s/"<>]+$/, "expected an https:// address without a path")
              .optional(),
            contentPath: z
              .string({ error: expected("the content folder's path in the repository") })
              .refine(isSafeRelativePath, { error: "expected a path inside the repository, like content" })
              .default("content"),
          },
          { error: expected("a mapping with name, repo and branch") },
        )
        .optional(),
    },
    { error: expected("a mapping with publish and backend") },
  )
  .refine((editor) => !editor.publish || editor.backend !== undefined, {
    error: "publish: the published editor needs a backend: { \"name\": \"github\", \"repo\": \"owner/name\" }",
  });

/** A board's id: its folder in each language and, unless it names another, its URL segment. */
export const BOARD_ID = /^[a-z][a-z0-9-]*$/;

/** Ids a board cannot take: they are pages or folders of the language home. */
const RESERVED_BOARD_IDS = new Set(["search", "feeds", "page", "assets", "pagefind", "brand", "admin"]);

const boardId = (what: string) =>
  z
    .string({ error: expected(`a ${what} in lower-case letters, digits and hyphens`) })
    .regex(BOARD_ID, { error: `expected a ${what} in lower-case letters, digits and hyphens` })
    .refine((id) => !RESERVED_BOARD_IDS.has(id), {
      error: (issue) => `${described(issue.input)} is taken by the site's own pages`,
    });

/** One board of "What's New": its folder, names, address and list settings. */
export const boardSchema = z.strictObject({
  id: boardId("board id"),
  name: z.strictObject({
    ko: z.string().trim().min(1).superRefine(publishable),
    en: z.string().trim().min(1).superRefine(publishable),
  }),
  /** The URL segment, `/ko/{segment}/`; the id when not given. */
  segment: boardId("URL segment").optional(),
  pageSize: z.int().min(5).max(100).default(10),
  /** Department or ministry in the list; the site's boardColumn when not given. */
  column: z.enum(BOARD_COLUMNS).optional(),
  feed: z.boolean().default(true),
  /** Most notices pinned at once in one language. */
  maxPinned: z.int().min(0).max(20).default(5),
  /** Notices newer than this many days carry the "new" badge (0: none). */
  newDays: z.int().min(0).max(365).default(7),
});

/** One board's settings. */
export type BoardSettingsEntry = z.output<typeof boardSchema>;

/** `_data/boards.json`: the boards of "What's New", in menu order. */
export const boardsSchema = z
  .array(boardSchema)
  .min(1, { error: "must list at least one board" })
  .superRefine((boards, ctx) => {
    const seen = new Set<string>();
    boards.forEach((board, index) => {
      for (const [key, value] of [["id", board.id], ["segment", board.segment ?? board.id]] as const) {
        if (seen.has(`${key}:${value}`)) {
          ctx.addIssue({ code: "custom", path: [index, key], message: `${value} is used by another board` });
        }
        seen.add(`${key}:${value}`);
      }
    });
  });

/** The boards when `_data/boards.json` is absent: News & Notices alone, at /{lang}/notices/. */
export const DEFAULT_BOARDS: readonly BoardSettingsEntry[] = Object.freeze([
  Object.freeze({
    id: "notices",
    name: Object.freeze({ ko: "공지사항", en: "News & Notices" }),
    pageSize: 10,
    feed: true,
    maxPinned: 5,
    newDays: 7,
  }),
]);

/** `_data/site.json`: names, base URL and path prefix of the published site. */
export const siteSchema = z.strictObject({
  name: z.strictObject({
    ko: z.string().trim().min(1).superRefine(publishable),
    en: z.string().trim().min(1).superRefine(publishable),
  }),
  baseUrl: address(readSiteOrigin, SITE_ORIGIN_EXPECTED),
  pathPrefix: address(readPathPrefix, PATH_PREFIX_EXPECTED).default("/"),
  defaultLang: z.enum(["ko", "en"]).default("ko"),
  // One setting for the whole site today; board.ts reads it in one place (boardSource).
  boardColumn: z.enum(BOARD_COLUMNS).default("ministry"),
  editor: editorSettingsSchema.default({ publish: false }),
});

const names = (what: string) =>
  z.strictObject(
    {
      ko: z.string({ error: expected(`a Korean ${what}`) }).trim().min(1, "must not be empty").superRefine(publishable),
      en: z.string({ error: expected(`an English ${what}`) }).trim().min(1, "must not be empty").superRefine(publishable),
    },
    { error: expected("a mapping with ko and en") },
  );

const phone = z
  .string({ error: expected("a phone number like 02-2100-3399") })
  .trim()
  .regex(/^\+?[0-9][0-9 -]{1,18}[0-9]$/, "expected a phone number of digits, spaces and hyphens, like 02-2100-3399 or 110");

const email = z.email({ error: (issue) => `expected an e-mail address, got ${described(issue.input)}` });

/** Why `url` is no https address or path of this site, or undefined when it is one. */
function linkUrlProblem(url: string): string | undefined {
  if (/^https:\/\/[^\s"<>]+$/.test(url)) return undefined;
  if (!/^\/[^\s"<>]*$/.test(url)) return "expected an https:// address or a path starting with /";
  // A browser reads //host/x as another site, and a backslash as a slash.
  if (url.startsWith("//") || url.includes("\\")) return "expected a path of this site, not // or a backslash, which lead to another site";
  const path = url.split(/[?#]/, 1)[0] ?? "";
  if (path.split("/").some((part) => part === "." || part === "..")) return "expected a path of this site without . or .. folders";
  return undefined;
}

/** Where a link goes: an https address or a path of this site. */
const linkUrl = z.string({ error: expected("a URL") }).refine((url) => linkUrlProblem(url) === undefined, {
  error: (issue) => `${linkUrlProblem(String(issue.input)) ?? "expected a URL"}, got ${described(issue.input)}`,
});

/** A link of the footer with its own words in both languages. */
const footerLink = z.strictObject(
  { label: names("label"), url: linkUrl },
  { error: expected("a mapping with label and url") },
);

/** A file beside identity.json: its path relative to `_data/`, checked to exist by load.ts. */
const contentFile = z
  .string({ error: expected("a file path relative to the _data folder") })
  .refine(isSafeRelativePath, {
    error: "expected a path inside the _data folder (no leading /, no .., no backslash)",
  });

/**
 * `_data/identity.json`: who runs the site, as every page's header and footer show it. A
 * ministry brands the whole site by editing this file; no operator's name is written in code.
 */
export const identitySchema = z.strictObject({
  operator: names("operator name"),
  logo: z
    .strictObject({ file: contentFile, alt: names("text alternative") })
    .optional(),
  address: names("address").optional(),
  phone: phone.optional(),
  callCentre: z.strictObject({ label: names("label"), phone }).optional(),
  email: email.optional(),
  // Policy links carry the names KRDS and the law fix (개인정보처리방침), from src/i18n.ts.
  privacyPolicy: linkUrl.optional(),
  copyrightPolicy: linkUrl.optional(),
  accessibility: linkUrl.optional(),
  social: z.array(footerLink).default([]),
  ogImage: z.strictObject({ file: contentFile, alt: names("text alternative") }).optional(),
  defaultLicense: license.default("none"),
  copyright: names("copyright line").optional(),
});

/** Validated site identity. */
export type Identity = z.output<typeof identitySchema>;

/** `_data/departments.json`: department code -> names, phone and e-mail. */
export const departmentsSchema = z.record(
  z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "department codes are lower-case words joined by hyphens"),
  z.strictObject(
    {
      ko: z.string({ error: expected("a Korean name") }).trim().min(1).superRefine(publishable),
      en: z.string({ error: expected("an English name") }).trim().min(1).superRefine(publishable),
      phone: phone.optional(),
      email: email.optional(),
    },
    { error: expected("a mapping with ko, en, phone and email") },
  ),
);

/** Departments by code. */
export type Departments = z.output<typeof departmentsSchema>;

/** Validated site settings. */
export type SiteSettings = z.output<typeof siteSchema>;

/** `_data/readCounts.json`: analytics counts added to each notice's baseline. */
export const readCountsSchema = z.strictObject({
  updated: z
    .string({ error: expected("a date like 2026-11-25") })
    .refine((text) => isBareDate(text) && parseNoticeDate(text) !== undefined, {
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
