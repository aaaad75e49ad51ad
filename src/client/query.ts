/**
 * The search page's query rules, pure and free of the DOM so that they are unit-tested and
 * shared: what a reader types becomes the term Pagefind searches for, and what a result must
 * hold to be shown as a hit.
 */
import porter2 from "wink-porter2-stemmer";

/**
 * Korean particles and endings that a reader types after a noun ("행정안전부는", "주차장에서").
 * Pagefind matches query words as prefixes, so the bare noun finds every form of it. Longer
 * endings come first, so that "에서는" is dropped whole rather than as "는".
 */
export const QUERY_PARTICLES: readonly string[] = Object.freeze([
  "에서는",
  "에게서",
  "으로서",
  "으로써",
  "에서",
  "에게",
  "으로",
  "부터",
  "까지",
  "이나",
  "처럼",
  "보다",
  "은",
  "는",
  "이",
  "가",
  "을",
  "를",
  "의",
  "에",
  "로",
  "와",
  "과",
  "도",
  "만",
  "나",
]);

const HANGUL_WORD = /^[\uAC00-\uD7A3]+$/;

/** Whether a word is written in Hangul syllables only. */
export function isHangulWord(word: string): boolean {
  return HANGUL_WORD.test(word);
}

/** The plural suffix, which sits between a noun and its particle (어르신들에게). */
const PLURAL = "들";

/** How many dictionary nouns a one-syllable ending may end before a query keeps it. */
export const ONE_SYLLABLE_NOUN_LIMIT = 15;

/**
 * The endings a query drops, from the dictionary's particles and verbal endings: every one of
 * two syllables or more (they end almost no noun: 8 of the dictionary's nouns of three syllables
 * or more, such as 우크라이나), the one-syllable particles above, and any other one-syllable
 * ending that ends at most 15 such nouns (한 of 안전한 ends 13). The others end dozens or
 * hundreds (관 in 복지관, 서 in 경찰서, 인 in 외국인): dropping them would search 복지 for 복지관.
 * The plural's forms (들에게, 들은) are left out, since `normaliseQuery` drops 들 on its own:
 * that halves what the page downloads.
 */
export function queryEndings(
  dictionaryEndings: Iterable<string>,
  nouns: Iterable<string>,
): readonly string[] {
  const all = new Set(dictionaryEndings);
  const endingNouns = new Map<string, number>();
  for (const noun of nouns) {
    const last = noun.at(-1);
    if (noun.length >= 3 && last !== undefined && all.has(last)) {
      endingNouns.set(last, (endingNouns.get(last) ?? 0) + 1);
    }
  }
  const oneSyllable = (e: string) =>
    QUERY_PARTICLES.includes(e) || (endingNouns.get(e) ?? 0) <= ONE_SYLLABLE_NOUN_LIMIT;
  return longestFirst(
    [...all].filter(
      (e) =>
        (e.length >= 2 || oneSyllable(e)) &&
        !(e.startsWith(PLURAL) && (e.length === 1 || all.has(e.slice(1)))),
    ),
  );
}

/**
 * Longest first, the way `normaliseQuery` wants them: endings that share a tail with a shorter
 * one ("에서는", "는") must be tried first.
 */
export function longestFirst(endings: Iterable<string>): readonly string[] {
  return Object.freeze(
    [...new Set(endings)]
      .filter(isHangulWord)
      .sort((a, b) => b.length - a.length || (a < b ? -1 : 1)),
  );
}

/**
 * Drops a trailing particle or ending (from `endings`, longest first), then the plural 들, from
 * each Korean word that keeps at least two syllables: "안전하게" is searched as "안전", "주차장에서는" as "주차장".
 * The page passes the dictionary's endings (src/plugins/assets.ts); the default is the particles.
 */
export function normaliseQuery(
  query: string,
  endings: readonly string[] = QUERY_PARTICLES,
): string {
  return query
    .trim()
    .split(/\s+/)
    .map((word) => {
      if (!isHangulWord(word)) return word;
      const ending = endings.find((e) => word.endsWith(e) && word.length - e.length >= 2);
      const noun = ending ? word.slice(0, -ending.length) : word;
      return noun.endsWith(PLURAL) && noun.length >= 3 ? noun.slice(0, -1) : noun;
    })
    .join(" ");
}

/** The words of a normalised term, each as Pagefind indexes words: see `foldWord`. */
export function queryWords(term: string): string[] {
  return term
    .split(" ")
    .map(foldWord)
    .filter((word) => word !== "");
}

const NOT_WORD_CHARACTER = /[^\p{L}\p{N}]/gu;

/**
 * A word as Pagefind indexes it: lower case, letters and digits only ("Safety," -> "safety",
 * "‘안전디딤돌’" -> "안전디딤돌").
 */
export function foldWord(word: string): string {
  return word.normalize("NFC").toLowerCase().replace(NOT_WORD_CHARACTER, "");
}

/**
 * The indexed words of a text: each whitespace-separated word folded, and the parts of a word
 * joined by punctuation ("e-government" -> "egovernment", "e", "government"), as Pagefind
 * indexes both.
 */
export function indexedWords(text: string): string[] {
  const words: string[] = [];
  for (const raw of text.split(/\s+/)) {
    const whole = foldWord(raw);
    if (whole === "") continue;
    words.push(whole);
    const parts = raw
      .split(NOT_WORD_CHARACTER)
      .map(foldWord)
      .filter((part) => part !== "");
    if (parts.length > 1) words.push(...parts.filter((part) => part.length > 1));
  }
  return words;
}

/**
 * The stem Pagefind compares a word by on a page of `lang`: Snowball English (Porter2, the
 * algorithm of Pagefind's stemmer) on English pages, the word itself elsewhere (Pagefind has no
 * Korean stemmer).
 */
export function stemOf(word: string, lang: string): string {
  return lang === "en" && !isHangulWord(word) ? porter2(word) : word;
}

/**
 * Whether a query word may find longer words it starts ("elect" finds "electricity"): only a
 * word that is its own stem. An English word with an ending ("election", "parking") finds only
 * words of its stem (election, elections, elected), never longer words that merely share the
 * stem's letters ("electricity", "parkway"), which is what Pagefind's prefix match of the
 * stem would add.
 */
export function findsLongerWords(word: string, lang: string): boolean {
  return stemOf(word, lang) === word;
}

/**
 * Whether Pagefind matched `word` in a result whose indexed words are `words` as a word it knows:
 * some word's stem starts with the query word's stem. When none does, Pagefind fell back to a
 * shorter indexed word ("nothingmatchesthis" -> "not"), and so did every other result of the
 * word, since all of them were found through the same indexed word.
 */
export function pagefindKnows(word: string, words: readonly string[], lang: string): boolean {
  const stem = stemOf(word, lang);
  return words.some((candidate) => stemOf(candidate, lang).startsWith(stem));
}

/**
 * Whether a text (a result's content and its Korean terms) holds a query word: a word that
 * begins with it, or one of the same stem. This is the test of a hit: every result shown
 * passes it for every query word.
 */
export function holdsWord(word: string, words: readonly string[], lang: string): boolean {
  const stem = stemOf(word, lang);
  return words.some((candidate) => candidate.startsWith(word) || stemOf(candidate, lang) === stem);
}

/**
 * Whether the last word typed so far narrows Pagefind's index chunks down enough to fetch
 * them while the reader types: two Hangul syllables, or three letters otherwise.
 */
export function worthPreloading(term: string): boolean {
  const last = term.split(" ").at(-1) ?? "";
  return last.length >= (isHangulWord(last) ? 2 : 3);
}

/** Fills `{name}` placeholders of a UI string; unknown names become empty. */
export function fill(template: string | undefined, values: Readonly<Record<string, string>>) {
  return (template ?? "").replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
}

/**
 * What the search form asks for, as the URL carries it
 * (`?q=&board=&ministry=&year=&sort=&scope=&period=&from=&to=&size=`).
 */
export interface SearchRequest {
  readonly query: string;
  /** A board's id (`_data/boards.json`), the same in both languages; empty for every board. */
  readonly board?: string;
  readonly ministry: string;
  readonly year: string;
  /** `""` for newest first (the default), `relevance` otherwise. */
  readonly sort: string;
  /** `""` for title and body (the default), `title` or `body`: see search-options.ts. */
  readonly scope?: string;
  /** A period preset (`week`, `month`, `year`), which wins over `from` and `to`. */
  readonly period?: string;
  /** The first and last months of a period, `YYYY-MM`; either may be empty. */
  readonly from?: string;
  readonly to?: string;
  /** Results a page: `""` for the default 10, else `20` or `50`. */
  readonly size?: string;
}

/** The Pagefind filters of a request: only the choices the reader made. */
export function filtersOf(request: SearchRequest): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  if (request.board) filters.board = [request.board];
  if (request.ministry) filters.ministry = [request.ministry];
  if (request.year) filters.year = [request.year];
  return filters;
}

/** The query string of a request, for a link that repeats the search; empty when nothing is asked. */
export function requestSearchParams(request: SearchRequest): string {
  const params = new URLSearchParams();
  if (request.query.trim()) params.set("q", request.query.trim());
  if (request.board) params.set("board", request.board);
  if (request.ministry) params.set("ministry", request.ministry);
  if (request.year) params.set("year", request.year);
  if (request.sort) params.set("sort", request.sort);
  if (request.scope) params.set("scope", request.scope);
  if (request.period) params.set("period", request.period);
  else {
    if (request.from) params.set("from", request.from);
    if (request.to) params.set("to", request.to);
  }
  if (request.size) params.set("size", request.size);
  return params.toString();
}

/** The UI strings a count is written with: one template for 1, one for any other number. */
export interface CountTemplates {
  readonly one: string | undefined;
  readonly other: string | undefined;
}

/**
 * The template for `count` in `lang`, by the language's plural rules: English says "1 result"
 * and "2 results"; Korean has one form.
 */
export function countTemplate(count: number, lang: string, templates: CountTemplates): string {
  const form = new Intl.PluralRules(lang).select(count);
  // An empty template (a language without the form) falls back to the general one.
  return (form === "one" ? templates.one : templates.other) || (templates.other ?? "");
}

/**
 * The language switch's address for the current search: the other language's search page with
 * the same query, and the filters that exist there too (ministry names differ by language, so
 * the board, the year, the order, the scope, the period and the page size carry over).
 */
export function switchSearchHref(otherPage: string, request: SearchRequest): string {
  const url = new URL(otherPage, "http://x.invalid/");
  const params = requestSearchParams({ ...request, ministry: "" });
  return `${url.pathname}${params ? `?${params}` : ""}`;
}
