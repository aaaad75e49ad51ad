/**
 * A link checker over a built site on disk: every page is parsed with a real HTML parser
 * (cheerio over parse5), every URL it refers to (links, assets, forms, refresh, Open Graph, the
 * stylesheets' url()s, feed and sitemap links) is resolved as a browser would from the page's
 * address, and each internal one must be a file the site has, under the path prefix, with the
 * anchor it names.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as cheerio from "cheerio";
import { fileForUrl } from "../helpers/links.ts";
import { listFiles } from "../helpers/site.ts";

/** Where the site is published: base URL (an origin) and path prefix (`/` or `/name/`). */
export interface PublishedAt {
  readonly baseUrl: string;
  readonly pathPrefix: string;
}

/** What a check found: counts of what was checked and one line per problem. */
export interface LinkReport {
  /** HTML pages parsed. */
  readonly pages: number;
  /** Internal references (links and assets) resolved to a file. */
  readonly internal: number;
  /** Of them, references with a #fragment whose target was found. */
  readonly anchors: number;
  /** References to other sites, not fetched. */
  readonly external: number;
  readonly problems: readonly string[];
}

interface Reference {
  readonly from: string;
  readonly raw: string;
  /** Images may be data: URLs; nothing else may. */
  readonly image: boolean;
}

/** URL path of a built file: `en/notices/index.html` -> `/prefix/en/notices/`. */
export function urlOfFile(file: string, pathPrefix: string): string {
  return pathPrefix + file.replace(/(^|\/)index\.html$/, "$1");
}

// Attributes that hold one URL, by element.
const URL_ATTRIBUTES: readonly (readonly [string, string])[] = [
  ["a", "href"],
  ["area", "href"],
  ["link", "href"],
  ["script", "src"],
  ["img", "src"],
  ["source", "src"],
  ["video", "src"],
  ["video", "poster"],
  ["audio", "src"],
  ["track", "src"],
  ["iframe", "src"],
  ["embed", "src"],
  ["object", "data"],
  ["input", "src"],
  ["form", "action"],
  ["button", "formaction"],
  ["blockquote", "cite"],
  ["q", "cite"],
];

function htmlReferences(file: string, html: string): Reference[] {
  const $ = cheerio.load(html);
  const found: Reference[] = [];
  const add = (raw: string | undefined, image = false) => {
    if (raw !== undefined) found.push({ from: file, raw, image });
  };
  for (const [tag, attribute] of URL_ATTRIBUTES) {
    $(`${tag}[${attribute}]`).each((_, element) => {
      add($(element).attr(attribute), tag === "img" || tag === "source");
    });
  }
  $("img[srcset], source[srcset]").each((_, element) => {
    for (const candidate of ($(element).attr("srcset") ?? "").split(",")) {
      add(candidate.trim().split(/\s+/)[0], true);
    }
  });
  $('meta[http-equiv="refresh" i]').each((_, element) => {
    const match = /url\s*=\s*['"]?([^'"]+)/i.exec($(element).attr("content") ?? "");
    add(match?.[1]);
  });
  $('meta[property^="og:"], meta[name^="twitter:"]').each((_, element) => {
    const content = $(element).attr("content") ?? "";
    if (/^https?:\/\//.test(content)) add(content, /image/.test($(element).attr("property") ?? ""));
  });
  return found;
}

function cssReferences(file: string, css: string): Reference[] {
  return [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)].map((match) => ({
    from: file,
    raw: match[2] ?? "",
    image: true,
  }));
}

function xmlReferences(file: string, xml: string): Reference[] {
  const $ = cheerio.load(xml, { xml: true });
  const found: Reference[] = [];
  $("*").each((_, element) => {
    if (!("name" in element)) return;
    const name = element.name.toLowerCase();
    if (name === "loc" || name === "icon" || name === "logo") {
      found.push({ from: file, raw: $(element).text().trim(), image: false });
    }
    const href = $(element).attr("href");
    if (href !== undefined && (name === "link" || name.endsWith(":link"))) {
      found.push({ from: file, raw: href, image: false });
    }
  });
  return found;
}

function textReferences(file: string, text: string): Reference[] {
  // robots.txt names the sitemap by its full address.
  return [...text.matchAll(/^sitemap:\s*(\S+)/gim)].map((match) => ({
    from: file,
    raw: match[1] ?? "",
    image: false,
  }));
}

/** Ids and named anchors of a page, computed once per page. */
function targetsOf(html: string): Set<string> {
  const $ = cheerio.load(html);
  const ids = new Set<string>();
  $("[id]").each((_, element) => void ids.add($(element).attr("id") ?? ""));
  $("a[name]").each((_, element) => void ids.add($(element).attr("name") ?? ""));
  return ids;
}

/** Checks every reference of the site in `output`, published at `site`. */
export async function checkLinks(output: string, site: PublishedAt): Promise<LinkReport> {
  const origin = new URL(site.baseUrl).origin;
  const files = await listFiles(output);
  const fileSet = new Set(files);
  const references: Reference[] = [];
  let pages = 0;
  for (const file of files) {
    if (file.startsWith("pagefind/")) continue;
    const read = () => readFile(join(output, file), "utf8");
    if (file.endsWith(".html")) {
      pages++;
      references.push(...htmlReferences(file, await read()));
    } else if (file.endsWith(".css")) references.push(...cssReferences(file, await read()));
    else if (file.endsWith(".xml")) references.push(...xmlReferences(file, await read()));
    else if (file === "robots.txt") references.push(...textReferences(file, await read()));
  }

  const targets = new Map<string, Set<string>>();
  const problems: string[] = [];
  let internal = 0;
  let anchors = 0;
  let external = 0;
  for (const { from, raw, image } of references) {
    const problem = (what: string) => problems.push(`${from}: ${JSON.stringify(raw)} ${what}`);
    if (raw.trim() === "") {
      problem("is empty");
      continue;
    }
    let url: URL;
    try {
      url = new URL(raw, origin + urlOfFile(from, site.pathPrefix));
    } catch {
      problem("is not a valid URL");
      continue;
    }
    if (url.protocol === "data:") {
      if (!image || !/^data:image\/(png|gif|jpeg|webp);/i.test(url.href)) {
        problem("is a data: URL outside an image");
      }
      continue;
    }
    if (url.protocol === "mailto:" || url.protocol === "tel:") continue;
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      problem(`uses the ${url.protocol} scheme`);
      continue;
    }
    if (url.origin !== origin) {
      external++;
      continue;
    }
    if (!url.pathname.startsWith(site.pathPrefix)) {
      problem(`is outside the path prefix ${site.pathPrefix}`);
      continue;
    }
    const target = fileForUrl(output, url.pathname, site.pathPrefix);
    if (target === undefined) {
      problem("points to no file of the site");
      continue;
    }
    const targetFile = target
      .slice(output.length + 1)
      .split("\\")
      .join("/");
    if (!fileSet.has(targetFile)) {
      problem("points outside the output folder");
      continue;
    }
    if (targetFile.endsWith("index.html") && !url.pathname.endsWith("/")) {
      problem("names a folder without its trailing slash");
      continue;
    }
    internal++;
    if (url.hash.length > 1) {
      if (!targetFile.endsWith(".html")) {
        problem("has an anchor into a file that is not a page");
        continue;
      }
      let ids = targets.get(targetFile);
      if (ids === undefined) {
        ids = targetsOf(await readFile(target, "utf8"));
        targets.set(targetFile, ids);
      }
      const id = decodeURIComponent(url.hash.slice(1));
      if (!ids.has(id)) {
        problem(`names #${id}, which ${targetFile} does not have`);
        continue;
      }
      anchors++;
    }
  }
  return { pages, internal, anchors, external, problems };
}
