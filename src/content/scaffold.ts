/** New notice files for `npm run new`: file names made from titles, and valid starting text. */
import type { Lang } from "../options.ts";

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
    // JSON strings are YAML double-quoted strings: any title is written safely.
    `title: ${JSON.stringify(notice.title)}`,
    `date: ${notice.day}`,
    `ministry: ${notice.ministry}`,
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
