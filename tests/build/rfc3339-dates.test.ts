import assert from "node:assert/strict";
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import * as cheerio from "cheerio";
import { buildSite, listFiles, noticeFile, SAMPLE_CONTENT, tempDir } from "../helpers/site.ts";

// RFC 3339 section 5.6: full-date, or full-date "T" full-time with a time-numoffset of whole
// hours and minutes (https://www.rfc-editor.org/rfc/rfc3339#section-5.6). Upper-case T and Z,
// as the sitemap protocol and Atom readers expect.
const FULL_DATE = String.raw`\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])`;
const FULL_TIME = String.raw`(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)`;
const DATE_TIME = new RegExp(`^${FULL_DATE}T${FULL_TIME}$`);
const DATE_OR_DATE_TIME = new RegExp(`^${FULL_DATE}(?:T${FULL_TIME})?$`);

/** Asserts `value` is RFC 3339 (a date-time unless `dateAllowed`), in Seoul's +09:00 or in UTC. */
function assertSeoulOrUtc(value: string, where: string, dateAllowed: boolean): void {
  assert.match(
    value,
    dateAllowed ? DATE_OR_DATE_TIME : DATE_TIME,
    `${where}: ${value} should be RFC 3339`,
  );
  if (value.includes("T")) {
    assert.match(value, /(?:\+09:00|Z)$/, `${where}: ${value} should carry +09:00 or Z`);
    assert.ok(!Number.isNaN(Date.parse(value)), `${where}: ${value} should be a real instant`);
  }
}

describe("dates in the built site", () => {
  let output = "";
  before(async () => {
    // The sample content, plus a notice of Seoul's local mean time (+08:27:52 until 1908), one
    // written in UTC and one in another offset: all must be printed as +09:00 or Z.
    const content = join(await tempDir("sosik-dates-"), "content");
    await cp(SAMPLE_CONTENT, content, { recursive: true });
    const extra = {
      "1905-03-01-old-notice": "1905-03-01T12:00:00+09:00",
      "2020-05-05-utc-notice": "2020-05-04T16:30:00Z",
      "2020-05-06-new-york-notice": "2020-05-05T20:15:30-04:00",
    };
    for (const [slug, date] of Object.entries(extra)) {
      await writeFile(
        join(content, "en", "notices", `${slug}.md`),
        noticeFile({ title: JSON.stringify(slug), date, ministry: "MOIS" }),
      );
    }
    ({ output } = await buildSite(content, [], { SOURCE_DATE_EPOCH: "1795000000" }));
  });

  it("are RFC 3339 with +09:00 or Z in every datetime attribute and published_time", async () => {
    let seen = 0;
    for (const file of (await listFiles(output)).filter((name) => name.endsWith(".html"))) {
      const $ = cheerio.load(await readFile(join(output, file), "utf8"));
      $("[datetime]").each((_, element) => {
        assertSeoulOrUtc($(element).attr("datetime") ?? "", `${file} datetime`, true);
        seen++;
      });
      $('meta[property$="_time"]').each((_, element) => {
        assertSeoulOrUtc(
          $(element).attr("content") ?? "",
          `${file} ${$(element).attr("property") ?? ""}`,
          false,
        );
        seen++;
      });
    }
    assert.ok(seen > 50, `the site should print many dates, found ${String(seen)}`);
  });

  it("are RFC 3339 with +09:00 or Z in every feed's updated and published", async () => {
    const feeds = (await listFiles(output)).filter((name) => /(?:^|\/)feeds?\b.*\.xml$/.test(name));
    assert.ok(feeds.length >= 2, `the site should have feeds, found ${feeds.join(", ")}`);
    for (const file of feeds) {
      const $ = cheerio.load(await readFile(join(output, file), "utf8"), { xml: true });
      const dates = $("updated, published");
      assert.ok(dates.length > 0, `${file} should carry dates`);
      dates.each((_, element) => {
        assertSeoulOrUtc($(element).text(), `${file} <${element.tagName}>`, false);
      });
    }
  });

  it("are RFC 3339 with +09:00 or Z in every sitemap lastmod, the 1905 notice included", async () => {
    const $ = cheerio.load(await readFile(join(output, "sitemap.xml"), "utf8"), { xml: true });
    const lastmods = $("lastmod")
      .map((_, element) => $(element).text())
      .get();
    assert.ok(lastmods.length > 10, "the sitemap should date its pages");
    for (const lastmod of lastmods) assertSeoulOrUtc(lastmod, "sitemap.xml <lastmod>", false);
    const byUrl = Object.fromEntries(
      $("url")
        .map((_, url) => [[$(url).children("loc").text(), $(url).children("lastmod").text()]])
        .get() as [string, string][],
    );
    const dateOf = (slug: string) =>
      Object.entries(byUrl).find(([loc]) => loc.endsWith(`/en/notices/${slug}/`))?.[1];
    assert.equal(
      dateOf("1905-03-01-old-notice"),
      "1905-03-01T03:00:00Z",
      "local mean time is printed in UTC",
    );
    assert.equal(dateOf("2020-05-05-utc-notice"), "2020-05-05T01:30:00+09:00");
    assert.equal(dateOf("2020-05-06-new-york-notice"), "2020-05-06T09:15:30+09:00");
  });
});
