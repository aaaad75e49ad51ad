import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { before, describe, it } from "node:test";
import type { CheerioAPI } from "cheerio";
import sharp from "sharp";
import { loadContent } from "../../src/content/load.ts";
import { DEFAULT_PHOTO_CACHE, photoKey } from "../../src/images/process.ts";
import { prepareNoticeBodies } from "../../src/notice-body.ts";
import { prepareChangedBodies } from "../../src/preview/body-cache.ts";
import type { BodyCache } from "../../src/preview/body-cache.ts";
import { buildSite, makeContent, noticeFile, readPage, runCli, tempDir } from "../helpers/site.ts";
import { snapshotTree, treeDifferences } from "../helpers/tree.ts";

const SLUG = "2024-05-01-photo-notice";
const PAGE = `/en/notices/${SLUG}/`;
const FIELDS = { title: '"Photos"', date: "2024-05-01", ministry: "MOIS" };
// The body starts on line 6 of a file with these three keys (---, 3 keys, ---).
const BODY_LINE = 6;

/**
 * A photo no other test has: random noise, so its cache entry is new and the first build makes
 * its files (a cold cache) while later builds reuse them.
 */
async function uniquePhoto(width: number, height: number, format: "jpeg" | "png"): Promise<Buffer> {
  const raw = randomBytes(width * height * 3);
  const image = sharp(raw, { raw: { width, height, channels: 3 } });
  return format === "jpeg" ? image.jpeg({ quality: 70 }).toBuffer() : image.png().toBuffer();
}

function cacheFolderOf(bytes: Buffer, format: "jpeg" | "png"): string {
  const key = photoKey({
    sourcePath: "",
    format,
    hash: createHash("sha256").update(bytes).digest("hex"),
  });
  return join(DEFAULT_PHOTO_CACHE, key.slice(0, 2), key);
}

/** Every URL of a srcset, with its width descriptor. */
function srcsetEntries(srcset: string | undefined): { url: string; width: number }[] {
  return (srcset ?? "")
    .split(",")
    .map((entry) => entry.trim().split(/\s+/))
    .map(([url = "", descriptor = ""]) => ({ url, width: Number(descriptor.replace(/w$/, "")) }));
}

describe("photos in notices", () => {
  let content = "";
  let output = "";
  let $: CheerioAPI;
  let jpeg: Buffer;

  before(async () => {
    jpeg = await uniquePhoto(1600, 1000, "jpeg");
    const png = await uniquePhoto(700, 400, "png");
    const body = [
      '![A harbour <script>alert("x")</script> & "boats"](images/harbour.jpg "Harbour at <dawn> & dusk")',
      "",
      "Text between the photos.",
      "",
      "![A bar chart of visits](images/chart.png)",
      "",
      "![A map of the venue](https://maps.example.org/venue.png)",
    ].join("\n");
    content = await makeContent({
      [`en/notices/${SLUG}.md`]: noticeFile(FIELDS, body),
      [`ko/notices/${SLUG}.md`]: noticeFile(FIELDS, "![항구 사진](images/harbour.jpg)"),
    });
    for (const lang of ["en", "ko"]) {
      await mkdir(join(content, lang, "notices/images"), { recursive: true });
      await writeFile(join(content, lang, "notices/images/harbour.jpg"), jpeg);
    }
    await writeFile(join(content, "en/notices/images/chart.png"), png);
    ({ output } = await buildSite(content));
    $ = await readPage(output, PAGE);
  });

  it("offers AVIF and WebP sources with a JPEG fallback for a JPEG and a PNG one for a PNG", () => {
    const pictures = $(".notice-body picture");
    assert.equal(pictures.length, 2, "both photos should be pictures");
    const types = (index: number) =>
      pictures
        .eq(index)
        .find("source")
        .map((_, el) => $(el).attr("type"))
        .get();
    assert.deepEqual(
      types(0),
      ["image/avif", "image/webp"],
      "the JPEG photo should have AVIF and WebP sources",
    );
    assert.deepEqual(
      types(1),
      ["image/avif", "image/webp"],
      "the PNG photo should have AVIF and WebP sources",
    );
    assert.match(
      pictures.eq(0).find("img").attr("src") ?? "",
      /\.jpg$/,
      "a JPEG photo falls back to JPEG",
    );
    assert.match(
      pictures.eq(1).find("img").attr("src") ?? "",
      /\.png$/,
      "a PNG photo falls back to PNG",
    );
  });

  it("lists in every srcset files that exist beside the page, with their real widths, up to the photo's own", async () => {
    const folder = join(output, PAGE);
    const entries = $(".notice-body picture source, .notice-body picture img")
      .map((_, el) => srcsetEntries($(el).attr("srcset")))
      .get() as { url: string; width: number }[];
    assert.ok(entries.length >= 9, "each photo should be offered at several widths and formats");
    for (const { url, width } of entries) {
      const metadata = await sharp(join(folder, url)).metadata();
      assert.equal(
        metadata.width,
        width,
        `${url} should be ${String(width)} pixels wide as its srcset says`,
      );
    }
    const harbourWidths = srcsetEntries($(".notice-body picture img").first().attr("srcset")).map(
      (e) => e.width,
    );
    assert.deepEqual(
      harbourWidths,
      [480, 960, 1440],
      "a 1600-pixel photo should come at 480, 960 and 1440",
    );
    const chartWidths = srcsetEntries($(".notice-body picture img").last().attr("srcset")).map(
      (e) => e.width,
    );
    assert.ok(
      chartWidths.every((w) => w <= 700),
      `a 700-pixel photo should not be enlarged, got ${chartWidths.join(", ")}`,
    );
    const formats = new Set(entries.map((e) => e.url.split(".").pop()));
    assert.deepEqual([...formats].sort(), ["avif", "jpg", "png", "webp"]);
  });

  it("sets width and height to the real size of the fallback file, and sizes on every srcset", async () => {
    for (const img of $(".notice-body picture img").toArray()) {
      const src = $(img).attr("src") ?? "";
      const metadata = await sharp(join(output, PAGE, src)).metadata();
      assert.equal(
        $(img).attr("width"),
        String(metadata.width),
        `${src}: width should be its real width`,
      );
      assert.equal(
        $(img).attr("height"),
        String(metadata.height),
        `${src}: height should be its real height`,
      );
    }
    assert.equal(
      $(".notice-body picture [srcset]:not([sizes])").length,
      0,
      "every srcset needs sizes",
    );
  });

  it("loads the first photo at once and the ones below it lazily", () => {
    const images = $(".notice-body picture img");
    assert.equal(images.eq(0).attr("loading"), undefined, "the first photo should load eagerly");
    assert.equal(images.eq(1).attr("loading"), "lazy", "a later photo should load lazily");
    assert.equal(
      images.eq(1).attr("decoding"),
      "async",
      "a later photo should decode off the main thread",
    );
  });

  it("shows a photo alone on its line as a figure with its title as the caption, all text escaped", async () => {
    const figure = $(".notice-body figure").first();
    assert.equal(figure.find("figcaption").text(), "Harbour at <dawn> & dusk");
    assert.equal(figure.find("img").attr("alt"), 'A harbour <script>alert("x")</script> & "boats"');
    assert.equal(
      $(".notice-body script").length,
      0,
      "no script element may come from alternative text",
    );
    assert.equal(
      $(".notice-body p figure, .notice-body p picture").length,
      0,
      "a figure may not sit in a paragraph",
    );
    const html = await readFile(join(output, PAGE, "index.html"), "utf8");
    assert.ok(
      html.includes("&lt;script&gt;"),
      "the alternative text should be escaped in the HTML",
    );
    assert.equal(
      $(".notice-body figure").last().find("figcaption").length,
      0,
      "no caption without a title",
    );
  });

  it("shows an image from another site as it is, lazily and without telling that site the page", () => {
    const remote = $('.notice-body img[src="https://maps.example.org/venue.png"]');
    assert.equal(remote.length, 1, "the image from another site should be shown");
    assert.equal(
      remote.closest("picture").length,
      0,
      "no responsive files are made of another site's image",
    );
    assert.equal(remote.attr("loading"), "lazy");
    assert.equal(remote.attr("referrerpolicy"), "no-referrer");
  });

  it("renders the same bodies with photos in worker threads as in this thread", async () => {
    const notices = loadContent(content).notices;
    const here = await prepareNoticeBodies(notices, { threads: 1 });
    const threaded = await prepareNoticeBodies(notices, { threads: 2, minimum: 0 });
    assert.ok(
      here.get(`en/${SLUG}`)?.html.includes("<picture>"),
      "the body should show its photos",
    );
    assert.deepEqual(threaded, here);
  });

  it("gives the notice its first photo as an absolute og:image", () => {
    const src = $(".notice-body picture img").first().attr("src") ?? "";
    const ogImage = $('meta[property="og:image"]').attr("content") ?? "";
    assert.match(ogImage, /^https?:\/\//, "og:image should be absolute");
    assert.ok(
      ogImage.endsWith(`${PAGE}${src}`),
      `og:image ${ogImage} should be the first photo's fallback ${src}`,
    );
  });

  it("builds byte-identical sites from a warm cache, and makes a tampered cached file again", async () => {
    const folder = cacheFolderOf(jpeg, "jpeg");
    const cachedAvif = join(folder, "480.avif");
    const original = await readFile(cachedAvif);
    await writeFile(cachedAvif, Buffer.from("not the file that was made"));
    const { output: second } = await buildSite(content);
    const [a, b] = await Promise.all([snapshotTree(output), snapshotTree(second)]);
    assert.ok([...a.keys()].some((file) => file.endsWith(".avif")));
    assert.deepEqual(treeDifferences(a, b), [], "the same content should give the same bytes");
    assert.deepEqual(
      await readFile(cachedAvif),
      original,
      "the tampered cache file should be made again",
    );
  });
});

describe("the preview's prepared bodies", () => {
  it("shows a photo replaced under the same name, and reuses the bodies whose photos did not change", async () => {
    const content = await makeContent({
      [`en/notices/${SLUG}.md`]: noticeFile(FIELDS, "![A photo](images/a.png)"),
      ["en/notices/2024-05-02-other.md"]: noticeFile(
        { ...FIELDS, date: "2024-05-02" },
        "![Other](images/b.png)",
      ),
    });
    const images = join(content, "en/notices/images");
    await mkdir(images, { recursive: true });
    await writeFile(join(images, "a.png"), await uniquePhoto(40, 30, "png"));
    await writeFile(join(images, "b.png"), await uniquePhoto(40, 30, "png"));
    const cache: BodyCache = new Map();
    const first = await prepareChangedBodies(loadContent(content).notices, cache);
    await writeFile(join(images, "a.png"), await uniquePhoto(40, 30, "png"));
    const second = await prepareChangedBodies(loadContent(content).notices, cache);
    const html = (bodies: typeof first, slug: string) => bodies.get(`en/${slug}`)?.html ?? "";
    assert.notEqual(
      html(second, SLUG),
      html(first, SLUG),
      "the replaced photo should be shown anew",
    );
    assert.equal(
      second.get("en/2024-05-02-other"),
      first.get("en/2024-05-02-other"),
      "a notice whose photo did not change should keep its prepared body",
    );
  });
});

describe("npm run check on images", () => {
  async function check(body: string, setup?: (notices: string) => Promise<void>) {
    const content = await makeContent({ [`en/notices/${SLUG}.md`]: noticeFile(FIELDS, body) });
    const notices = join(content, "en/notices");
    await mkdir(join(notices, "images"), { recursive: true });
    await writeFile(
      join(notices, "images/a.jpg"),
      await sharp({ create: { width: 8, height: 8, channels: 3, background: "#888" } })
        .jpeg()
        .toBuffer(),
    );
    await setup?.(notices);
    return runCli("check", ["--content", content]);
  }
  const at = (line: number) => `en/notices/${SLUG}.md:${String(BODY_LINE + line - 1)}: image: `;

  it("reports an image without alternative text with its file and line", async () => {
    const result = await check("Intro.\n\n![](images/a.jpg)");
    assert.equal(result.code, 1);
    assert.ok(
      result.stdout.includes(`${at(3)}alternative text is required: ![](images/a.jpg)`) ||
        result.stderr.includes(`${at(3)}alternative text is required: ![](images/a.jpg)`),
      `expected the missing alternative text on line ${String(BODY_LINE + 2)}:\n${result.stdout}${result.stderr}`,
    );
  });

  it("reports a photo whose file does not exist", async () => {
    const result = await check("![A photo](images/missing.jpg)");
    assert.equal(result.code, 1);
    assert.match(
      result.stdout + result.stderr,
      new RegExp(`${escape(at(1))}file not found: "images/missing.jpg"`),
    );
  });

  it("reports a named pipe where a photo is expected, without waiting on it", async () => {
    const result = await check("![A photo](images/pipe.jpg)", (notices) => {
      execFileSync("mkfifo", [join(notices, "images/pipe.jpg")]);
      return Promise.resolve();
    });
    assert.equal(result.code, 1);
    assert.match(
      result.stdout + result.stderr,
      new RegExp(`${escape(at(1))}"images/pipe.jpg" is a named pipe \\(FIFO\\), not a file`),
    );
  });

  it("refuses a link leading outside the content folder as a photo", async () => {
    const outside = join(await tempDir("sosik-outside-"), "secret.jpg");
    await writeFile(outside, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    const result = await check("![A photo](images/link.jpg)", async (notices) => {
      await symlink(outside, join(notices, "images/link.jpg"));
    });
    assert.equal(result.code, 1);
    assert.match(
      result.stdout + result.stderr,
      new RegExp(`${escape(at(1))}"images/link.jpg" is a link to .*outside the content folder`),
    );
  });

  it("refuses a file that is not a JPEG, PNG or WebP image, whatever its name", async () => {
    const result = await check("![A photo](images/text.jpg)", async (notices) => {
      await writeFile(join(notices, "images/text.jpg"), "just text");
    });
    assert.equal(result.code, 1);
    assert.match(
      result.stdout + result.stderr,
      /"images\/text\.jpg" is not a JPEG, PNG or WebP image/,
    );
  });

  it("refuses in the check a photo larger than the decoder accepts", async () => {
    // A PNG whose header says 30000 × 30000: sharp refuses it ("exceeds pixel limit").
    const chunk = (type: string, data: Buffer) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(body));
      return Buffer.concat([length, body, crc]);
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(30000, 0);
    header.writeUInt32BE(30000, 4);
    header.set([8, 0, 0, 0, 0], 8);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(Buffer.alloc(1000))),
      chunk("IEND", Buffer.alloc(0)),
    ]);
    const message = new RegExp(
      `${escape(at(1))}"images/huge.png" is 30000 × 30000 pixels: a photo may have at most 268402689`,
    );
    const result = await check("![A huge map](images/huge.png)", async (notices) => {
      await writeFile(join(notices, "images/huge.png"), png);
    });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout + result.stderr, message);
  });

  it("accepts an image from another site with alternative text, and requires the text there too", async () => {
    const ok = await check("![A map](https://maps.example.org/a.png)");
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const bad = await check("![](https://maps.example.org/a.png)");
    assert.equal(bad.code, 1);
    assert.match(
      bad.stdout + bad.stderr,
      /image: alternative text is required: !\[\]\(https:\/\/maps\.example\.org\/a\.png\)/,
    );
  });

  it("accepts a photo with alternative text, and does not take it for a link to an attachment", async () => {
    const result = await check("![A grey square](images/a.jpg)");
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });

  it("makes a file sharp cannot decode a content error of the build, with its line", async () => {
    const content = await makeContent({
      [`en/notices/${SLUG}.md`]: noticeFile(FIELDS, "![Broken](images/broken.jpg)"),
    });
    await mkdir(join(content, "en/notices/images"), { recursive: true });
    // A JPEG signature, then bytes that are no JPEG.
    await writeFile(
      join(content, "en/notices/images/broken.jpg"),
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]),
    );
    const output = join(await tempDir("sosik-site-"), "_site");
    const result = await runCli("build", ["--content", content, "--output", output]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr + result.stdout,
      new RegExp(`${escape(at(1))}"images/broken.jpg" cannot be read as an image`),
    );
    await rm(content, { recursive: true, force: true });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
