/**
 * The search page's options beyond Pagefind's own filters, pure and free of the DOM: the scope
 * (title, body or both), the period (months from-to, or the last week, month or year) and the
 * number of results a page, and how a search request is read back from its address.
 */
import { foldWord, holdsWord, indexedWords, isHangulWord } from "./query.ts";
import type { SearchRequest } from "./query.ts";

/** Where the query's words must be: `""` anywhere (the default), the title, or the body. */
export const SEARCH_SCOPES: readonly string[] = Object.freeze(["", "title", "body"]);

/** The numbers of results a page the reader may choose; the first is the default. */
export const PAGE_SIZES: readonly number[] = Object.freeze([10, 20, 50]);

/** The period presets, counted back from today in Seoul. */
export const PERIOD_PRESETS: readonly string[] = Object.freeze(["week", "month", "year"]);

/** A span of days, both ends included, as `YYYY-MM-DD`. */
export interface DayRange {
  readonly first: string;
  readonly last: string;
}

/** The results a page for a `size` of the address: one of PAGE_SIZES, else the default. */
export function pageSizeOf(size: string | undefined): number {
  const wanted = Number(size);
  return PAGE_SIZES.includes(wanted) ? wanted : (PAGE_SIZES[0] ?? 10);
}

/**
 * Today's date in Seoul, `YYYY-MM-DD`: notices are dated in Korean time, so a reader abroad
 * asking for the last week means the same days as one in Seoul.
 */
export function seoulToday(now: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Seoul",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The days of a preset ending today (`YYYY-MM-DD`): "week" is today and the 6 days before,
 * "month" and "year" start the day after the same date a month or a year back (2025-03-31 back
 * a month is 2025-03-01, as the calendar has no 2025-02-31). Undefined for anything else.
 */
export function presetRange(preset: string, today: string): DayRange | undefined {
  const match = DAY.exec(today);
  if (!match || !PERIOD_PRESETS.includes(preset)) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  let start: Date;
  if (preset === "week") {
    start = new Date(Date.UTC(year, month, day - 6));
  } else {
    const back = preset === "month" ? [year, month - 1] : [year - 1, month];
    const [y = year, m = month] = back;
    // The same day a month or year back, or the last day of that month when it is shorter.
    const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    start = new Date(Date.UTC(y, m, Math.min(day, lastOfMonth) + 1));
  }
  return { first: isoDay(start), last: today };
}

/** Whether a value is a month as `<input type="month">` gives it, `YYYY-MM`. */
export function isMonth(value: string | undefined): value is string {
  return value !== undefined && MONTH.test(value);
}

/**
 * The days from the first of `from` to the last of `to` (`YYYY-MM`); either end may be left
 * out (then the period is open that way), and ends given the wrong way round are swapped.
 * Undefined when neither is a month.
 */
export function monthRange(from: string | undefined, to: string | undefined): DayRange | undefined {
  const start = isMonth(from) ? from : undefined;
  const end = isMonth(to) ? to : undefined;
  if (!start && !end) return undefined;
  const [low, high] = start && end && start > end ? [end, start] : [start, end];
  const lastDay = (month: string) => {
    const [y, m] = month.split("-").map(Number);
    return isoDay(new Date(Date.UTC(y ?? 0, m ?? 0, 0)));
  };
  return { first: low ? `${low}-01` : "0000-01-01", last: high ? lastDay(high) : "9999-12-31" };
}

/** The period a request asks for on `today` (Seoul): a preset wins over months. */
export function periodOf(request: SearchRequest, today: string): DayRange | undefined {
  if (request.period) return presetRange(request.period, today);
  return monthRange(request.from, request.to);
}

/** The years a period spans, first and last, to choose the index shards it overlaps. */
export function periodYears(range: DayRange): readonly [string, string] {
  return [range.first.slice(0, 4), range.last.slice(0, 4)];
}

/** The day of a result's date as the notice page gives it (`2018.07.23` -> `2018-07-23`). */
export function resultDay(date: string | undefined): string {
  return (date ?? "").replaceAll(".", "-");
}

/** Whether a day (`YYYY-MM-DD`) lies in a period. */
export function inPeriod(day: string, range: DayRange): boolean {
  return range.first <= day && day <= range.last;
}

/**
 * Whether a text holds a query word by the hit rule of `holdsWord`, or, for a Hangul word,
 * inside a compound (안전 in 행정안전부), which a hit finds through the page's Korean terms.
 */
export function textHolds(word: string, text: string, lang: string): boolean {
  if (holdsWord(word, indexedWords(text), lang)) return true;
  return isHangulWord(word) && text.split(/\s+/).some((part) => foldWord(part).includes(word));
}

/** The body of a result's text: Pagefind's content begins with the title, the page's h1. */
export function bodyOf(content: string, title: string): string {
  const trimmed = content.trimStart();
  return title && trimmed.startsWith(title) ? trimmed.slice(title.length) : trimmed;
}

/** What of a result a scope looks at. */
export interface ScopedText {
  readonly title: string;
  readonly content: string;
}

/** Whether every query word lies where the scope asks: in the title, in the body, or anywhere. */
export function scopeHolds(
  words: readonly string[],
  result: ScopedText,
  scope: string,
  lang: string,
): boolean {
  if (scope !== "title" && scope !== "body") return true;
  const text = scope === "title" ? result.title : bodyOf(result.content, result.title);
  return words.every((word) => textHolds(word, text, lang));
}

/** A search request from an address's query string: what `requestSearchParams` writes. */
export function requestFromParams(params: URLSearchParams): SearchRequest {
  const get = (name: string) => params.get(name) ?? "";
  const scope = get("scope");
  const period = get("period");
  const size = pageSizeOf(get("size"));
  return {
    query: get("q"),
    board: get("board"),
    ministry: get("ministry"),
    year: get("year"),
    sort: get("sort") === "relevance" ? "relevance" : "",
    scope: SEARCH_SCOPES.includes(scope) ? scope : "",
    period: PERIOD_PRESETS.includes(period) ? period : "",
    from: isMonth(get("from")) ? get("from") : "",
    to: isMonth(get("to")) ? get("to") : "",
    size: size === PAGE_SIZES[0] ? "" : String(size),
  };
}
