import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { DateTime } from "luxon";
import { parseExpiryDate, parseNoticeDate, seoulToday } from "../../src/content/dates.ts";
import { formatDate } from "../../src/filters/format-date.ts";

const ZONES = ["UTC", "Asia/Seoul", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago"];
const INPUTS = ["2018-07-23", "2018-07-23T08:00:00+09:00", "2018-07-22T23:30:00Z", "2018-07-23T23:59:59+09:00", "2018-07-23T00:00:00+09:00"];

/** Formats the inputs in a fresh Node process whose local time zone is `zone`. */
function formatUnder(zone: string): string[] {
  const script = `
    import { parseNoticeDate } from "./src/content/dates.ts";
    import { formatDate } from "./src/filters/format-date.ts";
    const inputs = ${JSON.stringify(INPUTS)};
    console.log(JSON.stringify(inputs.map((text) => formatDate(parseNoticeDate(text)))));
  `;
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    env: { ...process.env, TZ: zone },
    encoding: "utf8",
  });
  return JSON.parse(out) as string[];
}

describe("notice dates", () => {
  it("print the Seoul calendar day whatever the machine's TZ", () => {
    for (const zone of ZONES) {
      assert.deepEqual(
        formatUnder(zone),
        ["2018.07.23", "2018.07.23", "2018.07.23", "2018.07.23", "2018.07.23"],
        `dates should print as Seoul days under TZ=${zone}`,
      );
    }
  });

  it("keep the instant of a date-time with an offset", () => {
    const date = parseNoticeDate("2018-07-22T23:30:00Z");
    assert.equal(date?.iso, "2018-07-23T08:30:00+09:00");
    assert.equal(date.day, "2018-07-23");
  });

  it("start a bare date at midnight in Seoul", () => {
    assert.equal(parseNoticeDate("2018-07-23")?.iso, "2018-07-23T00:00:00+09:00");
  });

  it("refuse impossible and ambiguous dates", () => {
    for (const text of ["2018-02-30", "2018-7-3", "23/07/2018", "2018-07-23T08:00:00", "tomorrow", ""]) {
      assert.equal(parseNoticeDate(text), undefined, `${text} should not parse`);
    }
  });

  it("format as the board does", () => {
    assert.equal(formatDate("2018-07-23"), "2018.07.23");
  });

  it("agree with the time-zone database on every day, summer time and offset changes included", () => {
    // Seoul kept summer time in 1987 and 1988 and used +08:30 until 1961: those years take the
    // exact path, the others the quick one; both must give what luxon computes for each day.
    const days: string[] = [];
    for (let at = Date.UTC(1950, 0, 1); at < Date.UTC(2031, 0, 1); at += 86_400_000) {
      days.push(new Date(at).toISOString().slice(0, 10));
    }
    for (const year of [2100, 2199, 2200, 2201]) days.push(`${String(year)}-02-28`, `${String(year)}-12-31`);
    for (const day of days) {
      const exact = DateTime.fromISO(day, { zone: "Asia/Seoul" });
      const date = parseNoticeDate(day);
      assert.equal(date?.epochMs, exact.toMillis(), `${day} should start at Seoul midnight`);
      assert.equal(date.iso, exact.toISO({ suppressMilliseconds: true }), `${day} iso`);
      assert.equal(date.day, day);
    }
  });

  it("keep an expiring notice listed through its last day", () => {
    const expires = parseExpiryDate("2025-06-16");
    assert.equal(expires?.day, "2025-06-16");
    assert.equal(expires.iso, "2025-06-17T00:00:00+09:00", "a bare expiry day ends at the next midnight");
    assert.equal(
      parseExpiryDate("2025-06-16T18:00:00+09:00")?.iso,
      "2025-06-16T18:00:00+09:00",
      "an expiry date-time is taken as written",
    );
    assert.equal(parseExpiryDate("2025-06-31"), undefined);
  });

  it("count today in Seoul, not on the machine's clock", () => {
    assert.equal(seoulToday(Date.parse("2026-11-26T15:30:00Z")), "2026-11-27");
    assert.equal(seoulToday(Date.parse("2026-11-26T14:59:59Z")), "2026-11-26");
  });
});
