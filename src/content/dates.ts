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
    parsed = DateTime.fromISO(trimmed, { zone: DEFAULTS.timeZone });
  } else if (DATE_TIME_WITH_OFFSET.test(trimmed)) {
    parsed = DateTime.fromISO(trimmed, { setZone: true }).setZone(DEFAULTS.timeZone);
  } else {
    return undefined;
  }
  if (!parsed.isValid) return undefined;
  return fromDateTime(parsed);
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
