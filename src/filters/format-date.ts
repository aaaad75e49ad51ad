import type { NoticeDate } from "../content/dates.ts";

/** `2018.07.23`, the board's date style, from a notice date or a `2018-07-23` day. */
export function formatDate(date: NoticeDate | string): string {
  const day = typeof date === "string" ? date : date.day;
  return day.replaceAll("-", ".");
}
