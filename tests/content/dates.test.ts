import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { parseNoticeDate } from "../../src/content/dates.ts";
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
});
