/** Notice dates: parsed as Seoul calendar dates, printed the same on any build machine. */
import { DateTime, IANAZone } from "luxon";
import { DEFAULTS } from "../options.ts";

/** A validated notice date, kept as plain values so it survives Eleventy's data cloning. */
export interface NoticeDate {
  /** The Seoul calendar day, `2018-07-23`. */
  readonly day: string;
  /** The instant as an ISO string with the Seoul offset, for feeds and sitemaps. */
  readonly iso: string;
  /** Milliseconds since the epoch, for sorting and comparing. */
  readonly epochMs: number;
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;
// A date-time must carry its offset (Z or ±hh:mm): without one its meaning depends on the machine.
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses `2018-07-23` (the calendar day in Seoul) or an ISO date-time with an offset.
 * Returns undefined for anything else, including impossible days such as 2018-02-30.
 */
export function parseNoticeDate(text: string): NoticeDate | undefined {
  const trimmed = text.trim();
  let parsed: DateTime;
  if (BARE_DATE.test(trimmed)) {
    const quick = quickBareDate(trimmed);
    if (quick !== undefined) return quick;
    parsed = DateTime.fromISO(trimmed, { zone: DEFAULTS.timeZone });
  } else if (DATE_TIME_WITH_OFFSET.test(trimmed)) {
    parsed = DateTime.fromISO(trimmed, { setZone: true }).setZone(DEFAULTS.timeZone);
  } else {
    return undefined;
  }
  if (!parsed.isValid) return undefined;
  return fromDateTime(parsed);
}

/**
 * Parses an `expires` value. A bare day keeps the notice listed through that whole Seoul day:
 * `2025-06-16` is reached at midnight starting 17 June. A date-time is taken as written.
 */
export function parseExpiryDate(text: string): NoticeDate | undefined {
  const date = parseNoticeDate(text);
  if (date === undefined || !BARE_DATE.test(text.trim())) return date;
  const end = DateTime.fromMillis(date.epochMs, { zone: DEFAULTS.timeZone }).plus({ days: 1 });
  return { ...fromDateTime(end), day: date.day };
}

// Asking the time-zone database for an offset costs about 20 µs, and a board has thousands of
// dates. A year through which Seoul's offset never changes (every year since 1989) needs one
// answer: its offset is sampled every week of the year (no offset in Seoul's history lasted
// less than a week) and reused for each of its days. Other years take the exact path.
const SAMPLE_STEP_MS = 7 * 86_400_000;
const constantOffsets = new Map<number, number | null>();

function constantOffsetMinutes(year: number): number | undefined {
  let offset = constantOffsets.get(year);
  if (offset === undefined) {
    const zone = IANAZone.create(DEFAULTS.timeZone);
    const first = Date.UTC(year, 0, 1) - 86_400_000;
    const last = Date.UTC(year + 1, 0, 1) + 86_400_000;
    offset = zone.offset(first);
    for (let at = first + SAMPLE_STEP_MS; offset !== null && at <= last; at += SAMPLE_STEP_MS) {
      if (zone.offset(at) !== offset) offset = null;
    }
    if (offset !== null && zone.offset(last) !== offset) offset = null;
    constantOffsets.set(year, offset);
  }
  return offset ?? undefined;
}

/** A bare date in a year of constant offset, computed without the time-zone database. */
function quickBareDate(text: string): NoticeDate | undefined {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (year < 1970 || year > 2200) return undefined;
  const midnightUtc = Date.UTC(year, month - 1, day);
  const check = new Date(midnightUtc);
  // Date.UTC rolls 2018-02-30 over to March; such a day does not exist.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const offset = constantOffsetMinutes(year);
  if (offset === undefined) return undefined;
  const sign = offset < 0 ? "-" : "+";
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
  const minutes = String(Math.abs(offset) % 60).padStart(2, "0");
  return {
    day: text,
    iso: `${text}T00:00:00${sign}${hours}:${minutes}`,
    epochMs: midnightUtc - offset * 60_000,
  };
}

/** The notice date of an instant (used for "today" in Seoul). */
export function noticeDateOf(epochMs: number): NoticeDate {
  return fromDateTime(DateTime.fromMillis(epochMs, { zone: DEFAULTS.timeZone }));
}

function fromDateTime(seoul: DateTime): NoticeDate {
  return {
    day: seoul.toFormat("yyyy-MM-dd"),
    iso: seoul.toISO({ suppressMilliseconds: true }) ?? seoul.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ"),
    epochMs: seoul.toMillis(),
  };
}

/** Today's calendar day in Seoul, `2026-11-26`. */
export function seoulToday(now: number = Date.now()): string {
  return noticeDateOf(now).day;
}
