// A Korean government site from configuration: KRDS banner, header, footer and identifier on
// every page; departments, contacts, licences and dates of change on notices; JSON-LD; Korean
// board attachments; and a site branded for another ministry by its _data files alone.
import assert from "node:assert/strict";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import * as cheerio from "cheerio";
import type { CheerioAPI } from "cheerio";
import { UI } from "../../src/i18n.ts";
import {
  SAMPLE_CONTENT,
  buildSite,
  listFiles,
  noticeFile,
  readPage,
  runCli,
  tempDir,
} from "../helpers/site.ts";

const PAIR = "2019-03-12-public-data-opening-plan";
const NEWS_TYPES = ["NewsArticle"];
const ORGANIZATION_TYPES = ["GovernmentOrganization"];

/**
 * The schema.org vocabulary the notice pages may use (https://schema.org/NewsArticle and
 * https://schema.org/GovernmentOrganization, properties inherited from Thing, CreativeWork,
 * Article and Organization): a property or type outside it is a mistake a validator reports.
 */
const VOCABULARY: Readonly<Record<string, readonly string[]>> = {
  NewsArticle: [
    "headline",
    "description",
    "url",
    "mainEntityOfPage",
    "datePublished",
    "dateModified",
    "inLanguage",
    "publisher",
    "author",
    "sourceOrganization",
    "image",
    "license",
    "workTranslation",
    "translationOfWork",
  ],
  GovernmentOrganization: ["name", "url", "logo", "telephone", "email", "parentOrganization"],
  ImageObject: ["url"],
};
const RANGES: Readonly<Record<string, readonly string[]>> = {
  publisher: ORGANIZATION_TYPES,
  author: ORGANIZATION_TYPES,
  sourceOrganization: ORGANIZATION_TYPES,
  parentOrganization: ORGANIZATION_TYPES,
  logo: ["ImageObject"],
  workTranslation: NEWS_TYPES,
  translationOfWork: NEWS_TYPES,
};
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Checks one JSON-LD node against VOCABULARY; returns the problems found, with their path. */
function vocabularyProblems(node: unknown, path: string): string[] {
  if (typeof node !== "object" || node === null) return [`${path}: expected an object`];
  const record = node as Record<string, unknown>;
  const type = record["@type"];
  if (typeof type !== "string" || !(type in VOCABULARY))
    return [`${path}: unknown type ${String(type)}`];
  const allowed = VOCABULARY[type] ?? [];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (key === "@type" || key === "@context") continue;
    if (!allowed.includes(key)) problems.push(`${path}.${key}: not a property of ${type}`);
    const range = RANGES[key];
    if (range) {
      const valueType = (value as { "@type"?: unknown })["@type"];
      if (typeof valueType !== "string" || !range.includes(valueType)) {
        problems.push(`${path}.${key}: expected ${range.join(" or ")}, got ${String(valueType)}`);
      }
      problems.push(...vocabularyProblems(value, `${path}.${key}`));
    } else if (typeof value !== "string") {
      problems.push(`${path}.${key}: expected text or a URL`);
    }
  }
  return problems;
}

function jsonLdOf($: CheerioAPI): Record<string, unknown> {
  const blocks = $('script[type="application/ld+json"]');
  assert.equal(blocks.length, 1, "a notice page should have one JSON-LD block");
  return JSON.parse(blocks.text()) as Record<string, unknown>;
}

describe("a Korean government site (sample content)", () => {
  let output = "";
  let htmlFiles: string[] = [];
  const page = (file: string) =>
    readFile(join(output, file), "utf8").then((html) => cheerio.load(html));

  before(async () => {
    ({ output } = await buildSite(SAMPLE_CONTENT));
    htmlFiles = (await listFiles(output)).filter((file) => file.endsWith(".html"));
  });

  it("shows the KRDS official banner right after the skip links on every page", async () => {
    for (const file of htmlFiles) {
      const $ = await page(file);
      const lang = ($("html").attr("lang") ?? "") as "ko" | "en";
      // Inside the header (a banner landmark), its first content after the skip links.
      const first = $("body").children().first();
      const banner = (file === "index.html" ? first : first.next()).children().first();
      if (file !== "index.html") assert.ok(first.is(".skip-links"), `${file}: skip links first`);
      assert.ok(banner.is(".official-banner"), `${file}: the official banner should come next`);
      assert.equal(banner.text().trim(), UI[lang].officialBanner, `${file}: the fixed wording`);
    }
  });

  it("gives every page but the root the header with logo and switch, and the operator's footer", async () => {
    for (const file of htmlFiles.filter((name) => name !== "index.html")) {
      const $ = await page(file);
      const lang = ($("html").attr("lang") ?? "") as "ko" | "en";
      const t = UI[lang];
      assert.equal($(".site-logo").attr("href"), `/${lang}/`, `${file}: the logo links home`);
      assert.ok($(".site-logo img").attr("alt"), `${file}: the logo has alternative text`);
      assert.equal($(".lang-switch a").length, 1, `${file}: one language link`);
      const footer = $(".site-footer");
      const operator = lang === "ko" ? "행정안전부" : "Ministry of the Interior and Safety";
      assert.equal(
        footer.children(".wrap").children().last().text(),
        t.operatorIdentifier.replace("{operator}", operator),
        `${file}: the operator identifier is the footer's last block`,
      );
      assert.equal(
        footer.find(".policy-privacy a").text(),
        t.privacyPolicy,
        `${file}: privacy policy`,
      );
      assert.ok(footer.find('a[href^="tel:"]').length >= 2, `${file}: main and call-centre phones`);
      assert.ok(
        footer
          .find("address")
          .text()
          .includes(lang === "ko" ? "세종" : "Sejong"),
      );
    }
    const notFound = await page("404.html");
    assert.equal(notFound("form.header-search").length, 1, "the 404 page has the header search");
    assert.equal(notFound('meta[name="robots"]').attr("content"), "noindex");
  });

  it("shows a notice's department, contact, phone, licence and dates of change, in both languages", async () => {
    for (const lang of ["ko", "en"] as const) {
      const t = UI[lang];
      const $ = await readPage(output, `/${lang}/notices/${PAIR}/`);
      const meta = $(".notice-meta").text().replace(/\s+/g, " ");
      assert.match(
        meta,
        new RegExp(`${t.updated} : 2019\\.03\\.20`),
        `${lang}: last updated by the title`,
      );
      assert.match(meta, new RegExp(`${t.views} : `), `${lang}: views, not reads`);
      const info = $(".notice-info");
      const term = (label: string) =>
        info
          .find("dt")
          .filter((_, dt) => $(dt).text() === label)
          .next("dd");
      assert.equal(
        term(t.department).text(),
        lang === "ko" ? "공공데이터정책과" : "Public Data Policy Division",
      );
      assert.equal(term(t.contact).text(), lang === "ko" ? "박지훈 주무관" : "Park Jihun, Officer");
      assert.equal(
        term(t.phone).find("a").attr("href"),
        "tel:0442052741",
        `${lang}: phone as tel:`,
      );
      assert.equal(term(t.updated).find("time").attr("datetime"), "2019-03-20");
      const license = $(".notice-license");
      assert.equal(license.find('a[rel~="license"]').attr("href"), t.licenses["kogl-1"].url);
      assert.ok(
        license.text().includes(t.licenses["kogl-1"].statement),
        `${lang}: official wording`,
      );
    }
    const ownLicense = await readPage(
      output,
      "/ko/notices/2025-03-27-asset-disclosure-of-senior-officials/",
    );
    assert.ok(ownLicense(".notice-license").text().includes(UI.ko.licenses["kogl-4"].name));
  });

  it("lists the department in the board column, the same column on every list page", async () => {
    for (const lang of ["ko", "en"] as const) {
      const first = await readPage(output, `/${lang}/notices/`);
      const second = await readPage(output, `/${lang}/notices/page/2/`);
      for (const $ of [first, second]) {
        assert.equal($("table.board thead th").eq(2).text(), UI[lang].department);
        assert.equal($("table.board td.col-department").length, $("table.board tbody tr").length);
      }
      const rows = [first, second].flatMap(($) =>
        $("table.board tbody tr")
          .filter((_, tr) => $(tr).find(`a[href="/${lang}/notices/${PAIR}/"]`).length > 0)
          .map((_, tr) => $(tr).find("td.col-department").text())
          .get(),
      );
      assert.equal(rows[0], lang === "ko" ? "공공데이터정책과" : "Public Data Policy Division");
    }
  });

  it("gives notice pages NewsArticle JSON-LD in schema.org's vocabulary, with Seoul offsets and the translation", async () => {
    const ko = jsonLdOf(await readPage(output, `/ko/notices/${PAIR}/`));
    const en = jsonLdOf(await readPage(output, `/en/notices/${PAIR}/`));
    for (const data of [ko, en]) {
      assert.equal(data["@context"], "https://schema.org");
      assert.equal(data["@type"], "NewsArticle");
      assert.deepEqual(vocabularyProblems(data, "NewsArticle"), [], "only schema.org properties");
      for (const key of ["datePublished", "dateModified"]) {
        assert.match(String(data[key]), RFC3339, `${key} is RFC 3339`);
        assert.match(String(data[key]), /\+09:00$/, `${key} carries Seoul's offset`);
      }
      assert.equal(data.license, UI.ko.licenses["kogl-1"].url);
    }
    assert.equal(ko.inLanguage, "ko");
    assert.equal(ko.dateModified, "2019-03-20T00:00:00+09:00");
    assert.equal((ko.author as { name: string }).name, "공공데이터정책과");
    assert.equal((ko.publisher as { name: string }).name, "행정안전부");
    assert.equal(
      (ko.workTranslation as { url: string }).url,
      en.url,
      "the Korean original names its English translation",
    );
    assert.equal((en.translationOfWork as { url: string }).url, ko.url);
    assert.equal(
      ko.image,
      "https://news.example.go.kr/brand/images/og-default.png",
      "default image",
    );
    // A notice with a photo shares it, in its JSON-LD and its og:image alike.
    const photo = await readPage(output, "/en/notices/2026-09-22-community-safety-walk/");
    const ogImage = photo('meta[property="og:image"]').attr("content");
    assert.match(
      ogImage ?? "",
      /^https:\/\/news\.example\.go\.kr\/en\/notices\/2026-09-22-community-safety-walk\/.+\.(jpe?g|png)$/,
    );
    assert.equal(jsonLdOf(photo).image, ogImage, "the JSON-LD image is the og:image");
    // Every notice page: one block, valid JSON, no executable inline script.
    for (const file of htmlFiles.filter((name) => /\/notices\/\d{4}-/.test(name))) {
      const $ = await page(file);
      jsonLdOf($);
      $("script").each((_, script) => {
        const type = $(script).attr("type");
        if (type === "application/ld+json") return;
        assert.equal(type, "module", `${file}: scripts are modules`);
        assert.equal($(script).attr("src"), "/assets/notice.js", `${file}: only the notice tools`);
        assert.equal($(script).text(), "", `${file}: no inline code`);
      });
    }
  });

  it("offers attachments with name, type, size, a view link opening a new tab for PDF, and download", async () => {
    const $ = await readPage(output, `/ko/notices/${PAIR}/`);
    const rows = $(".attachments tbody tr");
    assert.equal(rows.length, 2);
    const pdf = rows.eq(0);
    assert.equal(pdf.find(".att-file").text(), "2019-public-data-opening-plan.pdf");
    assert.equal(pdf.find(".att-type").text().trim(), "PDF");
    assert.match(pdf.find(".att-size").text(), /^\d+(\.\d)? (B|KB)$/);
    const view = pdf.find("a.att-view");
    assert.equal(view.text(), "바로보기");
    assert.equal(view.attr("target"), "_blank");
    assert.match(
      view.attr("aria-label") ?? "",
      /바로보기 \(새 창\)$/,
      "says it opens a new window",
    );
    assert.equal(pdf.find("a.att-download").attr("download"), "");
    const csv = rows.eq(1);
    assert.equal(csv.find("a.att-view").length, 0, "a CSV is downloaded, not viewed");
    assert.equal(csv.find("a.att-download").text(), "내려받기");
  });

  it("uses the last change in the sitemap and feeds, and keeps the board's order by date", async () => {
    const sitemap = await readFile(join(output, "sitemap.xml"), "utf8");
    assert.match(
      sitemap,
      new RegExp(`/ko/notices/${PAIR}/</loc>\\s*<lastmod>2019-03-20T00:00:00\\+09:00</lastmod>`),
    );
    const feed = cheerio.load(await readFile(join(output, "ko/feed.xml"), "utf8"), { xml: true });
    const entry = feed("entry").filter((_, e) => feed(e).find("id").text().includes(PAIR));
    assert.match(entry.find("updated").text(), /^2019-03-19T15:00:00/, "updated: the change");
    assert.match(entry.find("published").text(), /^2019-03-11T15:00:00/, "published: the date");
    const board = await readPage(output, "/ko/notices/page/2/");
    const slugs = board("table.board tbody a")
      .map((_, a) => board(a).attr("href"))
      .get();
    const index = slugs.indexOf(`/ko/notices/${PAIR}/`);
    assert.ok(index > 0, "the updated notice is listed");
    assert.ok(slugs[index - 1]?.includes("2019-04-22"), "newer by date stays above it");
  });

  it("says words as readers expect: Home, Views, 1 notice, and the menu as nested levels", async () => {
    const en = await readPage(output, "/en/notices/");
    assert.equal(en(".breadcrumbs li").first().text().trim(), "Home");
    assert.equal(en("table.board thead th.col-reads").text(), "Views");
    const section = en(".top-menu .menu-section");
    assert.equal(section.find(".menu-section-label").text(), "What's New");
    assert.deepEqual(
      section
        .find("ul a")
        .map((_, a) => en(a).text())
        .get(),
      ["News & Notices", "Press Releases"],
      "the boards are a level below, in the order of boards.json",
    );
    const whatsNew = en(".breadcrumbs a").eq(1).attr("href");
    assert.equal(whatsNew, "/en/#whats-new", "What's New lands on its section, not on the board");
    const home = await readPage(output, "/en/");
    assert.equal(home("#whats-new h2").text(), "What's New");
    assert.ok(home("table.board caption").hasClass("visually-hidden"), "no repeated caption");
    for (const file of htmlFiles) {
      const html = await readFile(join(output, file), "utf8");
      assert.doesNotMatch(html, /HOME|Read :|1 results|새소식: 공지사항/, `${file}: old wording`);
    }
    assert.equal(UI.en.boardSummaryOne.replace("{count}", "1").startsWith("1 notice,"), true);
  });

  it("sends / to the Korean home, which does not redirect again", async () => {
    const root = await readPage(output, "/");
    assert.match(root('meta[http-equiv="refresh"]').attr("content") ?? "", /url=\/ko\/$/);
    const ko = await readPage(output, "/ko/");
    assert.equal(ko('meta[http-equiv="refresh"]').length, 0, "the target page stays");
  });
});

describe("content checks of departments, updates and identity", () => {
  it("names the file, line and key of a wrong department, an update before the date and a bad phone", async () => {
    const content = join(await tempDir(), "content");
    await cp(SAMPLE_CONTENT, content, { recursive: true });
    const file = join(content, "en/notices", `${PAIR}.md`);
    const text = await readFile(file, "utf8");
    await writeFile(
      file,
      text
        .replace("department: public-data", "department: nowhere")
        .replace("updated: 2019-03-20", "updated: 2019-03-01"),
    );
    const identityFile = join(content, "_data/identity.json");
    const identity = await readFile(identityFile, "utf8");
    await writeFile(
      identityFile,
      identity
        .replace('"phone": "044-205-1000"', '"phone": "call us"')
        .replace('"https://www.example.go.kr/policy/copyright/"', '"//evil.example/copyright"')
        .replace('"https://www.example.go.kr/policy/accessibility/"', '"/../../etc/passwd"'),
    );
    const result = await runCli("check", ["--content", content]);
    assert.equal(result.code, 1, "the check should fail");
    const lines = result.stdout + result.stderr;
    assert.match(
      lines,
      new RegExp(
        `en/notices/${PAIR}\\.md:6: department: expected a code from _data/departments\\.json`,
      ),
    );
    assert.match(lines, /_data\/identity\.json:\d+: phone: expected a phone number/);
    // A footer link must stay on this site or name an https:// address.
    assert.match(
      lines,
      /_data\/identity\.json:\d+: copyrightPolicy: expected a path of this site, not \/\/ or a backslash, which lead to another site, got "\/\/evil\.example\/copyright"/,
    );
    assert.match(
      lines,
      /_data\/identity\.json:\d+: accessibility: expected a path of this site without \. or \.\. folders/,
    );
    // The update rule runs once the other keys are valid.
    await writeFile(file, text.replace("updated: 2019-03-20", "updated: 2019-03-01"));
    await writeFile(identityFile, identity);
    const again = await runCli("check", ["--content", content]);
    assert.match(
      again.stdout + again.stderr,
      new RegExp(
        `en/notices/${PAIR}\\.md:\\d+: updated: must not be before the notice's date \\(2019-03-12\\), got 2019-03-01`,
      ),
    );
  });
});

describe("a site branded for another ministry by configuration only", () => {
  const FORBIDDEN = /MOIS|행정안전부|Ministry of the Interior|Interior and Safety/i;
  let output = "";

  before(async () => {
    const content = join(await tempDir(), "content");
    await cp(join(SAMPLE_CONTENT, "_data"), join(content, "_data"), { recursive: true });
    const data = (name: string, value: unknown) =>
      writeFile(join(content, "_data", name), `${JSON.stringify(value, null, 2)}\n`);
    await data("site.json", {
      name: { ko: "미래해양부", en: "Ministry of Future Oceans" },
      baseUrl: "https://news.oceans.example.go.kr",
      defaultLang: "ko",
      boardColumn: "department",
    });
    await data("ministries.json", { MFO: { ko: "미래해양부", en: "Ministry of Future Oceans" } });
    await data("departments.json", {
      ports: { ko: "항만정책과", en: "Port Policy Division", phone: "044-300-1234" },
    });
    await rm(join(content, "_data/images"), { recursive: true });
    await writeFile(
      join(content, "_data/wave.svg"),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#036"/></svg>\n',
    );
    await data("identity.json", {
      operator: { ko: "미래해양부", en: "Ministry of Future Oceans" },
      logo: { file: "wave.svg", alt: { ko: "미래해양부 상징", en: "Future Oceans emblem" } },
      address: { ko: "부산광역시 해양로 1", en: "1 Haeyang-ro, Busan" },
      phone: "051-000-0000",
      privacyPolicy: "/privacy/",
      defaultLicense: "kogl-2",
    });
    const notice = (lang: string, title: string, extra: Record<string, string> = {}) =>
      noticeFile(
        {
          title: JSON.stringify(title),
          date: "2025-05-01",
          ministry: "MFO",
          department: "ports",
          ...extra,
        },
        lang === "ko" ? "항만 운영 안내입니다." : "Port operations notice.",
      );
    const files: Record<string, string> = {
      "ko/notices/2025-05-01-port-hours.md": notice("ko", "항만 운영 시간 안내", {
        attachments: '\n  - file: files/port-form.hwp\n    title: "신청서"',
      }),
      "en/notices/2025-05-01-port-hours.md": notice("en", "Port opening hours"),
      "ko/notices/files/port-form.hwp": "HWP sample bytes",
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(content, path)), { recursive: true });
      await writeFile(join(content, path), text);
    }
    ({ output } = await buildSite(content));
  });

  it("has no trace of the sample operator in any built text file", async () => {
    const files = (await listFiles(output)).filter((file) =>
      /\.(html|xml|txt|css|js|json|svg)$/.test(file),
    );
    assert.ok(files.length > 10, "the site should be built");
    for (const file of files) {
      const text = await readFile(join(output, file), "utf8");
      assert.doesNotMatch(text, FORBIDDEN, `${file} should name no other operator`);
    }
    const $ = await readPage(output, "/ko/notices/2025-05-01-port-hours/");
    assert.equal($(".site-name").text(), "미래해양부");
    assert.equal($(".site-logo img").attr("src"), "/brand/wave.svg");
    assert.ok($(".operator-identifier").text().includes("미래해양부"));
    assert.ok(
      $(".notice-license").text().includes(UI.ko.licenses["kogl-2"].name),
      "default licence",
    );
  });

  it("marks an HWP attachment as a Hangul document, with download and no view link", async () => {
    const $ = await readPage(output, "/ko/notices/2025-05-01-port-hours/");
    const row = $(".attachments tbody tr").first();
    assert.equal(row.find(".att-type").text().replace(/\s+/g, " ").trim(), "HWP (한글 문서)");
    assert.equal(row.find("a.att-view").length, 0);
    assert.equal(row.find("a.att-download").attr("download"), "");
  });
});
