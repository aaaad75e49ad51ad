/** New notice files for `npm run new`: file names made from titles, and valid starting text. */
import type { Lang } from "../options.ts";
import { isFrontMatterProblem, parseNoticeFile } from "./front-matter.ts";
import { SLUG_PATTERN } from "./notice.ts";
import { noticeFrontMatterSchema } from "./schema.ts";
import type { NoticeFrontMatter } from "./schema.ts";
import { forbiddenCharacterMessage, isForbidden } from "./text.ts";

/** Words of a file name after its date: lower-case ASCII letters and digits joined by hyphens. */
export const SLUG_WORDS = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// File names stay readable in a folder listing; longer titles are cut at a word.
const MAX_SLUG_LENGTH = 60;

/**
 * File-name words made from a title: `Public Data Opening Plan` -> `public-data-opening-plan`.
 * Undefined when the title is not written in Latin letters (a Korean title, say): a name
 * made by transliteration would read badly, so the editor chooses one.
 */
export function slugFromTitle(title: string): string | undefined {
  const latin = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "");
  if (/[^\p{ASCII}]/u.test(latin.replace(/[^\p{L}\p{N}]/gu, ""))) return undefined;
  const words = latin.split(/[^a-z0-9]+/).filter((word) => word !== "");
  let slug = "";
  for (const word of words) {
    const longer = slug === "" ? word : `${slug}-${word}`;
    if (longer.length > MAX_SLUG_LENGTH && slug !== "") break;
    slug = longer.slice(0, MAX_SLUG_LENGTH);
  }
  return slug === "" ? undefined : slug;
}

/** What a new notice file says. */
export interface NewNotice {
  readonly lang: Lang;
  readonly title: string;
  readonly day: string;
  readonly ministry: string;
  /** Set on a translation's file: the language its title and text are still in. */
  readonly translateFrom?: Lang;
}

const WORDS = {
  ko: {
    translate: (from: string) => `제목과 본문을 ${from}에서 번역합니다.`,
    draft: "공개할 때 이 줄을 지웁니다",
    summary: "목록, 피드, 검색 결과에 보이는 한두 문장",
    attachment: "첨부파일 이름",
    body: "여기에 본문을 씁니다.",
  },
  en: {
    translate: (from: string) => `Translate the title and the text from ${from}.`,
    draft: "delete this line to publish",
    summary: "One or two sentences for lists, feeds and search results.",
    attachment: "What the file is",
    body: "Write the notice here.",
  },
} as const;

const LANGUAGE_NAMES: Readonly<Record<Lang, Record<Lang, string>>> = {
  ko: { ko: "한국어", en: "영어" },
  en: { ko: "Korean", en: "English" },
};

/**
 * A YAML double-quoted string of any text. JSON strings are YAML double-quoted strings; the
 * characters a page cannot show are escaped as well, so that the check, like this command,
 * reports them on the key that holds them rather than on the file.
 */
function yamlString(text: string): string {
  let escaped = "";
  for (const char of JSON.stringify(text)) {
    const codePoint = char.codePointAt(0) ?? 0;
    escaped += !isForbidden(codePoint)
      ? char
      : codePoint > 0xffff
        ? `\\U${codePoint.toString(16).padStart(8, "0")}`
        : `\\u${codePoint.toString(16).padStart(4, "0")}`;
  }
  return escaped;
}

/**
 * The text of a new notice file: valid front matter as a draft, with the optional keys shown as
 * comments so an editor can see what else may be set.
 */
export function newNoticeSource(notice: NewNotice): string {
  const words = WORDS[notice.lang];
  const lines = [
    "---",
    ...(notice.translateFrom === undefined
      ? []
      : [`# ${words.translate(LANGUAGE_NAMES[notice.lang][notice.translateFrom])}`]),
    `title: ${yamlString(notice.title)}`,
    `date: ${notice.day}`,
    // A code is written plain, as editors write it; anything else quoted, for the check to refuse.
    `ministry: ${/^[A-Z][A-Z0-9_]*$/.test(notice.ministry) ? notice.ministry : yamlString(notice.ministry)}`,
    `draft: true  # ${words.draft}`,
    `# summary: ${JSON.stringify(words.summary)}`,
    "# attachments:",
    "#   - file: attachments/example.pdf",
    `#     title: ${JSON.stringify(words.attachment)}`,
    "---",
    words.body,
    "",
  ];
  return lines.join("\n");
}

/** Why a new notice file would fail `npm run check`: the key and the check's own message. */
export interface NewNoticeProblem {
  readonly key: string;
  readonly message: string;
}

// Making the schema costs more than checking a file with it (1.3 ms against 0.3 ms): an import
// checks thousands of files with one set of ministry codes.
const schemas = new WeakMap<ReadonlySet<string>, ReturnType<typeof noticeFrontMatterSchema>>();

/**
 * Reads a new notice file back exactly as `npm run check` reads notices: the same front-matter
 * reader, the same schema, the same file-name rule. Returns what the check makes of the front
 * matter, or the first problem it would report.
 */
export function checkNewNotice(
  fileName: string,
  source: string,
  ministryCodes: ReadonlySet<string>,
): { readonly data: NoticeFrontMatter } | NewNoticeProblem {
  if (!SLUG_PATTERN.test(fileName.replace(/\.md$/, ""))) {
    return {
      key: "file name",
      message: `expected YYYY-MM-DD-words-in-ascii.md (lower-case letters, digits, hyphens), got ${JSON.stringify(fileName)}`,
    };
  }
  const forbidden = forbiddenCharacterMessage(source);
  if (forbidden !== undefined) return { key: "file", message: forbidden };
  const parsed = parseNoticeFile(source);
  if (isFrontMatterProblem(parsed)) return { key: "front matter", message: parsed.message };
  let schema = schemas.get(ministryCodes);
  if (schema === undefined) {
    schema = noticeFrontMatterSchema(ministryCodes);
    schemas.set(ministryCodes, schema);
  }
  const result = schema.safeParse(parsed.data, {
    reportInput: true,
  });
  if (result.success) return { data: result.data };
  const [issue] = result.error.issues;
  return {
    key: issue?.path.map(String).join(".") ?? "front matter",
    message: issue?.message ?? "not valid",
  };
}
