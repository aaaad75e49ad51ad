/**
 * Dates as Korean boards export them, read into the notice date Sosik writes. Only forms whose
 * meaning is certain are read: a four-digit year first, then month and day.
 */
import { DateTime } from "luxon";
import { noticeDateProblem, parseNoticeDate } from "../content/dates.ts";
import { DEFAULTS } from "../options.ts";

/** A date read from an export: the text to write in front matter and its Seoul day. */
export interface ImportedDate {
  /** `2018-07-23`, or `2018-07-23T09:00:00+09:00` when the export has a time. */
  readonly written: string;
  /** The Seoul calendar day, which starts the file name. */
  readonly day: string;
}

/** The forms `readExportDate` accepts, as the documentation and refusals name them. */
export const ACCEPTED_DATE_FORMS =
  "2018-07-23, 2018.07.23, 2018. 7. 23., 2018/07/23, 2018년 7월 23일, each with an optional time like 09:00 or 09:00:00 (Seoul time), or an ISO or RFC 822 date-time with its offset";

// Year, month and day separated by - . or / (with the spaces and final dot Korean writing
// uses), or written 2018년 7월 23일; then an optional time of day without an offset.
const KOREAN_DAY =
  /^(\d{4})\s*(?:[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?|년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일)(?:\s*(?:T|\s)\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads an export's date. A day or a time without an offset is Seoul's (a Korean board's
 * clock); a date-time with an offset keeps it. Returns the reason when the text is not one.
 */
export function readExportDate(text: string): ImportedDate | { readonly problem: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { problem: "required" };
  const written = writtenDate(trimmed);
  if (written === undefined) {
    return {
      problem: `expected a date like 2018-07-23 or 2018.07.23 (the year in four digits first), got ${JSON.stringify(shorten(trimmed))}`,
    };
  }
  if ("problem" in written) return written;
  const date = parseNoticeDate(written.text);
  const problem = noticeDateProblem(written.text, date);
  if (problem !== undefined || date === undefined) {
    const why = problem === undefined || problem === "not a date" ? "not a real date" : problem;
    // The range's reason already names what it got.
    return {
      problem: why.includes(", got ") ? why : `${why}, got ${JSON.stringify(shorten(trimmed))}`,
    };
  }
  return { written: written.text, day: date.day };
}

/** The front-matter text of an export's date, or undefined when no accepted form matches. */
function writtenDate(
  text: string,
): { readonly text: string } | { readonly problem: string } | undefined {
  const korean = KOREAN_DAY.exec(text);
  if (korean !== null) {
    const [, year = "", m1, d1, m2, d2, hours, minutes, seconds] = korean;
    const day = `${year}-${pad(m1 ?? m2 ?? "")}-${pad(d1 ?? d2 ?? "")}`;
    if (hours === undefined || minutes === undefined) return { text: day };
    // An impossible day is left to the check's own reasons, on the bare day.
    if (parseNoticeDate(day) === undefined) return { text: day };
    const time = DateTime.fromISO(`${day}T${pad(hours)}:${minutes}:${seconds ?? "00"}`, {
      zone: DEFAULTS.timeZone,
    });
    if (!time.isValid) {
      return {
        problem: `no such time of day (00:00 to 23:59), got ${JSON.stringify(shorten(text))}`,
      };
    }
    return { text: time.toISO({ suppressMilliseconds: true, includeOffset: true }) };
  }
  // ISO with an offset (Atom, exports of newer systems) is what the check reads already.
  if (parseNoticeDate(text) !== undefined) return { text };
  const withOffset =
    /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/.test(text)
      ? DateTime.fromISO(text.replace(" ", "T"), { setZone: true })
      : DateTime.fromRFC2822(text, { setZone: true });
  const iso = withOffset.isValid ? withOffset.toISO({ suppressMilliseconds: true }) : null;
  return iso === null ? undefined : { text: iso };
}

function pad(part: string): string {
  return part.padStart(2, "0");
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
