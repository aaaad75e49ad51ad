/**
 * Page weight read from a built site: each notice page's HTML plus the stylesheets it links,
 * gzipped as a web server would (level 6), and every page that loads or inlines JavaScript.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { gzipSync } from "node:zlib";

/** What the bench reports about page weight. */
export interface PageWeight {
  readonly noticePages: number;
  readonly medianBytes: number;
  readonly maxBytes: number;
  /** URL path of the heaviest notice page. */
  readonly heaviest: string;
  /**
   * Pages with a script they should not have: the search page may load its own, a notice page
   * only its tools (`/assets/notice.js`, no inline code); JSON-LD data blocks are not scripts.
   */
  readonly pagesWithScript: readonly string[];
  /**
   * Photos, weighed apart from the page: per notice page with photos, the bytes of the largest
   * AVIF each of its pictures offers (what a wide, high-density screen loads; others load less).
   */
  readonly photos: {
    readonly pages: number;
    readonly medianBytes: number;
    readonly maxBytes: number;
    readonly heaviest: string;
  };
}

/** Bytes of the largest first-source candidate of each <picture> of a page in `folder`. */
function photoBytes(html: string, folder: string): number {
  let bytes = 0;
  for (const [picture] of html.matchAll(/<picture>[\s\S]*?<\/picture>/g)) {
    const srcset = /<source\b[^>]*\bsrcset="([^"]+)"/.exec(picture)?.[1] ?? "";
    const largest = srcset
      .split(",")
      .map((entry) => entry.trim().split(/\s+/)[0] ?? "")
      .at(-1);
    if (largest) bytes += statSync(join(folder, largest)).size;
  }
  return bytes;
}

const gzipped = (bytes: Buffer | string) => gzipSync(bytes, { level: 6 }).length;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .map((file) => file.split(sep).join("/"));
}

const NOTICE_TOOLS = "assets/notice.js";

/** True when the page's executable scripts are none, or on a notice page only its tools file. */
function scriptsAllowed(html: string, isNotice: boolean, pathPrefix: string): boolean {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(
    ([, attributes = ""]) => !/\btype="application\/ld\+json"/i.test(attributes),
  );
  if (scripts.length === 0) return true;
  if (!isNotice || scripts.length !== 1) return false;
  const [, attributes = "", body = ""] = scripts[0] ?? [];
  const src = /\bsrc="([^"]+)"/.exec(attributes)?.[1];
  return body.trim() === "" && src === `${pathPrefix.replace(/\/?$/, "/")}${NOTICE_TOOLS}`;
}

/** Measures the built site in `outputDir`, whose pages live under `pathPrefix`. */
export function measurePageWeight(outputDir: string, pathPrefix = "/"): PageWeight {
  const cssCache = new Map<string, number>();
  const cssWeight = (href: string) => {
    const path = href.startsWith(pathPrefix)
      ? href.slice(pathPrefix.length)
      : href.replace(/^\//, "");
    let size = cssCache.get(path);
    if (size === undefined) {
      size = gzipped(readFileSync(join(outputDir, path.split("?")[0] ?? path)));
      cssCache.set(path, size);
    }
    return size;
  };

  const weights: { url: string; bytes: number }[] = [];
  const pagesWithScript: string[] = [];
  const photos: { url: string; bytes: number }[] = [];
  for (const file of htmlFiles(outputDir)) {
    const html = readFileSync(join(outputDir, file), "utf8");
    const url = `/${file.replace(/index\.html$/, "")}`;
    const isNotice = /^\/(ko|en)\/notices\/\d{4}-\d{2}-\d{2}-[^/]+\/$/.test(url);
    if (!/^\/(ko|en)\/search\/$/.test(url) && !scriptsAllowed(html, isNotice, pathPrefix)) {
      pagesWithScript.push(url);
    }
    if (!isNotice) continue;
    let bytes = gzipped(html);
    for (const match of html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/gi)) {
      const href = /\bhref="([^"]+)"/.exec(match[0])?.[1];
      if (href && !/^[a-z]+:/i.test(href)) bytes += cssWeight(href);
    }
    weights.push({ url, bytes });
    const photo = photoBytes(html, join(outputDir, dirname(file)));
    if (photo > 0) photos.push({ url, bytes: photo });
  }
  weights.sort((a, b) => a.bytes - b.bytes);
  photos.sort((a, b) => a.bytes - b.bytes);
  const heaviest = weights.at(-1);
  return {
    noticePages: weights.length,
    medianBytes: weights[Math.floor(weights.length / 2)]?.bytes ?? 0,
    maxBytes: heaviest?.bytes ?? 0,
    heaviest: heaviest?.url ?? "",
    pagesWithScript,
    photos: {
      pages: photos.length,
      medianBytes: photos[Math.floor(photos.length / 2)]?.bytes ?? 0,
      maxBytes: photos.at(-1)?.bytes ?? 0,
      heaviest: photos.at(-1)?.url ?? "",
    },
  };
}
