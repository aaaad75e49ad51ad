/**
 * The web editor's field labels in Korean and English, one per front-matter key. The keys are
 * the schema's own (src/content/schema.ts): a key added there without a label here is a type
 * error, so the editor cannot fall behind the schema.
 */
import type { noticeFrontMatterSchema } from "../content/schema.ts";

/** A front-matter key of a notice, as the schema names it. */
export type NoticeKey = keyof ReturnType<typeof noticeFrontMatterSchema>["shape"];

/** A label in both languages. */
export interface Label {
  readonly ko: string;
  readonly en: string;
}

/** The label of each front-matter key, and of the body below the front matter. */
export const FIELD_LABELS: Readonly<Record<NoticeKey | "body", Label>> = {
  title: { ko: "제목", en: "Title" },
  date: { ko: "등록일", en: "Date" },
  readCount: { ko: "조회수", en: "Read count" },
  ministry: { ko: "기관", en: "Ministry" },
  summary: { ko: "요약", en: "Summary" },
  draft: { ko: "임시저장 (게시 안 함)", en: "Draft (not published)" },
  expires: { ko: "게시 종료일", en: "Expires" },
  attachments: { ko: "첨부파일", en: "Attachments" },
  department: { ko: "담당부서", en: "Department" },
  contact: { ko: "담당자", en: "Contact" },
  license: { ko: "공공누리 유형", en: "Licence" },
  updated: { ko: "최종수정일", en: "Last updated" },
  pinned: { ko: "상단 고정", en: "Pinned" },
  body: { ko: "본문", en: "Body" },
};

/** Labels of an attachment's two keys. */
export const ATTACHMENT_LABELS: Readonly<Record<"file" | "title", Label>> = {
  file: { ko: "파일", en: "File" },
  title: { ko: "링크 글자", en: "Link text" },
};

/** The licence names an editor chooses from. */
export const LICENSE_LABELS: Readonly<Record<string, Label>> = {
  "kogl-1": { ko: "공공누리 제1유형 (출처표시)", en: "KOGL Type 1 (attribution)" },
  "kogl-2": {
    ko: "공공누리 제2유형 (출처표시, 상업적 이용금지)",
    en: "KOGL Type 2 (non-commercial)",
  },
  "kogl-3": { ko: "공공누리 제3유형 (출처표시, 변경금지)", en: "KOGL Type 3 (no derivatives)" },
  "kogl-4": {
    ko: "공공누리 제4유형 (출처표시, 상업적 이용금지, 변경금지)",
    en: "KOGL Type 4 (non-commercial, no derivatives)",
  },
  none: { ko: "적용 안 함", en: "None" },
};

/** "제목 · Title": how the editor shows a label, Korean first. */
export function bilingual(label: Label): string {
  return `${label.ko} · ${label.en}`;
}
