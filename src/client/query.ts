/**
 * The search page's query rules, pure and free of the DOM so that they are unit-tested and
 * shared: what a reader types becomes the term Pagefind searches for.
 */

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

/** Drops a trailing particle from each Korean word that keeps at least two syllables. */
export function normaliseQuery(query: string): string {
  return query
    .trim()
    .split(/\s+/)
    .map((word) => {
      if (!isHangulWord(word)) return word;
      const particle = QUERY_PARTICLES.find((p) => word.endsWith(p) && word.length - p.length >= 2);
      return particle ? word.slice(0, -particle.length) : word;
    })
    .join(" ");
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

/** What the search form asks for, as the URL carries it (`?q=&ministry=&year=&sort=`). */
export interface SearchRequest {
  readonly query: string;
  readonly ministry: string;
  readonly year: string;
  /** `""` for newest first (the default), `relevance` otherwise. */
  readonly sort: string;
}

/** The Pagefind filters of a request: only the choices the reader made. */
export function filtersOf(request: SearchRequest): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  if (request.ministry) filters.ministry = [request.ministry];
  if (request.year) filters.year = [request.year];
  return filters;
}

/** The query string of a request, for a link that repeats the search; empty when nothing is asked. */
export function requestSearchParams(request: SearchRequest): string {
  const params = new URLSearchParams();
  if (request.query.trim()) params.set("q", request.query.trim());
  if (request.ministry) params.set("ministry", request.ministry);
  if (request.year) params.set("year", request.year);
  if (request.sort) params.set("sort", request.sort);
  return params.toString();
}
