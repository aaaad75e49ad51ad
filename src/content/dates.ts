/** Notice dates: parsed as Seoul calendar dates, printed the same on any build machine. */
import { DateTime } from "luxon";
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

/** Whether text is written as a bare day, `2018-07-23` (whether or not such a day exists). */
export function isBareDate(text: string): boolean {
  return BARE_DATE.test(text);
}
// A date-time must carry its offset (Z or ±hh:mm): without one its meaning depends on the machine.
// Hours, minutes and seconds are RFC 3339's (https://www.rfc-editor.org/rfc/rfc3339#section-5.6):
// no 24:00, which luxon would otherwise read as the next day's midnight.
const DATE_TIME_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** The days a notice may carry: a government board has nothing older, and nothing this far ahead. */
export const NOTICE_DATE_RANGE = Object.freeze({ first: "1900-01-01", last: "2100-12-31" });

// The parts of something shaped like a date, to tell an editor what exactly is wrong with it.
const DATE_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:([Tt ])(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(.*))?$/;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * Why `text`, read as `date` (undefined when it is not one), is not a notice date in
 * NOTICE_DATE_RANGE, said for an editor; undefined when it is one. Text not even shaped like a
 * date gets "not a date", for the caller to say what a date looks like.
 */
export function noticeDateProblem(text: string, date: NoticeDate | undefined): string | undefined {
  if (date !== undefined) {
    const { first, last } = NOTICE_DATE_RANGE;
    return date.day < first || date.day > last
      ? `expected a day from ${first} to ${last} (in Seoul), got ${JSON.stringify(text.trim())}`
      : undefined;
  }
  const parts = DATE_LIKE.exec(text.trim());
  if (parts === null) return "not a date";
  const [, year = "", month = "", day = "", separator, hours, minutes, seconds, offset = ""] = parts;
  const monthNumber = Number(month);
  if (monthNumber < 1 || monthNumber > 12) return `there is no month ${month}`;
  const days = new Date(Date.UTC(Number(year), monthNumber, 0)).getUTCDate();
  if (Number(day) < 1 || Number(day) > days) {
    return `${MONTHS[monthNumber - 1] ?? month} ${year} has ${String(days)} days, so there is no day ${day}`;
  }
  if (separator === undefined) return "not a date";
  if (separator !== "T") return "write a capital T between the day and the time";
  if (Number(hours) > 23) return "hours go from 00 to 23 (24:00 is 00:00 of the next day)";
  if (Number(minutes) > 59 || Number(seconds ?? 0) > 59) {
    return "minutes and seconds go from 00 to 59";
  }
  if (offset === "") {
    return "a time needs its offset from UTC, like 2018-07-23T09:00:00+09:00 in Seoul: without one it means another instant on every computer";
  }
  return "expected the offset from UTC as Z or ±HH:MM (hours 00 to 23, minutes 00 to 59), like +09:00";
}

/**
 * Parses `2018-07-23` (the calendar day in Seoul) or an ISO date-time with an offset.
 * Returns undefined for anything else, including impossible days such as 2018-02-30.
 */
export function parseNoticeDate(text: string): NoticeDate | undefined {
  const trimmed = text.trim();
  let parsed: DateTime;
  if (BARE_DATE.test(trimmed)) {
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

/** The notice date of an instant (used for "today" in Seoul). */
export function noticeDateOf(epochMs: number): NoticeDate {
  return fromDateTime(DateTime.fromMillis(epochMs, { zone: DEFAULTS.timeZone }));
}

function fromDateTime(seoul: DateTime): NoticeDate {
  // RFC 3339 offsets are whole minutes. Seoul's local mean time (until 1908) was +08:27:52,
  // which luxon would print cut to +08:27, another instant: such instants are printed in UTC.
  const exact = Number.isInteger(seoul.offset) ? seoul : seoul.toUTC();
  return {
    day: seoul.toFormat("yyyy-MM-dd"),
    iso: exact.toISO({ suppressMilliseconds: true }) ?? exact.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ"),
    epochMs: seoul.toMillis(),
  };
}

/** Today's calendar day in Seoul, `2026-11-26`. */
export function seoulToday(now: number = Date.now()): string {
  return noticeDateOf(now).day;
}
