/**
 * The excerpt of a search result, computed from the result's text rather than taken from
 * Pagefind: Pagefind marks only the words it found in the text, so a notice found through its
 * Korean terms (선거관리위원회 inside 중앙선거관리위원회) had no highlight, its marks took the
 * punctuation around a word ("Safety,"), and an excerpt near the top repeated the title, which
 * Pagefind's content starts with.
 */
import { foldWord, holdsWord, isHangulWord } from "./query.ts";

/** One stretch of an excerpt: plain text, or a highlighted word. */
export interface ExcerptPart {
  readonly text: string;
  readonly mark: boolean;
}

/** Words an excerpt shows, as Pagefind's own excerpts do. */
export const EXCERPT_WORDS = 30;
/** Words shown before the first highlight, so that it is read in its sentence. */
const LEAD_WORDS = 6;
const WORD_CORE = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su;

/**
 * Whether a word of the text shows a query word: it starts with it, has its stem, or (for a
 * Korean query word) holds it inside a compound, where the Korean terms found it.
 */
export function showsQueryWord(textWord: string, queryWords: readonly string[], lang: string) {
  const folded = foldWord(textWord);
  if (folded === "") return false;
  return queryWords.some(
    (word) => holdsWord(word, [folded], lang) || (isHangulWord(word) && folded.includes(word)),
  );
}

/**
 * How many words at the start of `words` repeat the title: Pagefind's content begins with the
 * page's heading, followed by the body.
 */
export function titleWordCount(words: readonly string[], title: string): number {
  const titleWords = title.split(/\s+/).map(foldWord).filter(Boolean);
  if (titleWords.length === 0 || titleWords.length > words.length) return 0;
  const repeats = titleWords.every((word, i) => foldWord(words[i] ?? "") === word);
  return repeats ? titleWords.length : 0;
}

/**
 * The excerpt of `content` for a query: about 30 words of the body (the title left out) from
 * a little before the first word that shows a query word, each such word highlighted without
 * the punctuation around it.
 */
export function buildExcerpt(
  content: string,
  title: string,
  queryWords: readonly string[],
  lang: string,
  length = EXCERPT_WORDS,
): ExcerptPart[] {
  const words = content.split(/\s+/).filter(Boolean);
  const bodyStart = titleWordCount(words, title);
  const shows = words.map((word, i) => i >= bodyStart && showsQueryWord(word, queryWords, lang));
  // The excerpt starts near a word that begins with a query word (안전점검 for 안전) when there
  // is one, and near a compound that holds it (행정안전부) otherwise.
  const begins = (word: string) => {
    const folded = foldWord(word);
    return queryWords.some((query) => holdsWord(query, [folded], lang));
  };
  const strong = shows.findIndex((shown, i) => shown && begins(words[i] ?? ""));
  const first = strong >= 0 ? strong : shows.indexOf(true);
  const start = first < 0 ? bodyStart : Math.max(bodyStart, first - LEAD_WORDS);
  const end = Math.min(words.length, start + length);
  const parts: ExcerptPart[] = [];
  let plain = start > bodyStart ? "… " : "";
  for (let i = start; i < end; i++) {
    const word = words[i] ?? "";
    const separator = i < end - 1 ? " " : "";
    if (!shows[i]) {
      plain += word + separator;
      continue;
    }
    const [, before = "", core = "", after = ""] = WORD_CORE.exec(word) ?? [];
    plain += before;
    if (plain) parts.push({ text: plain, mark: false });
    parts.push({ text: core, mark: true });
    plain = after + separator;
  }
  if (end < words.length) plain += " …";
  if (plain) parts.push({ text: plain, mark: false });
  return parts;
}
