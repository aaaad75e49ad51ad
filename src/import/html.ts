/**
 * HTML bodies of an old board, as Markdown Sosik renders: turndown converts them (with the GFM
 * table rule of @joplin/turndown-plugin-gfm), and nothing of the HTML itself is left in the
 * file. Sosik renders no raw HTML, so whatever turndown would keep as HTML is turned into text.
 */
import TurndownService from "turndown";
import { tables } from "@joplin/turndown-plugin-gfm";

/** A Markdown body made from HTML, with what was dropped or changed on the way. */
export interface ConvertedBody {
  readonly markdown: string;
  /** One line for each kind of thing that could not be kept as it was. */
  readonly notes: readonly string[];
}

/** Elements whose content is not text a reader should see: dropped with what they hold. */
const DROPPED = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "noscript",
  "template",
  "form",
  "button",
  "input",
  "select",
  "textarea",
  "svg",
  "math",
  "head",
  "title",
  "meta",
  "link",
  "base",
  "video",
  "audio",
  "canvas",
]);

/** Schemes a link may keep: pages and mail. Anything else (javascript:, data:) loses its link. */
const LINK_SCHEMES = new Set(["http:", "https:", "mailto:"]);

/** Converts HTML bodies for one import, resolving relative links against each entry's address. */
export class BodyConverter {
  readonly #withTables: TurndownService;
  readonly #withoutTables: TurndownService;
  #notes = new Set<string>();
  #base: string | undefined;

  constructor() {
    this.#withTables = this.#service(true);
    this.#withoutTables = this.#service(false);
  }

  /** Markdown of an HTML body; `base` is the address relative links are read against. */
  fromHtml(html: string, base: string | undefined): ConvertedBody {
    this.#notes = new Set();
    this.#base = base;
    let markdown = this.#withTables.turndown(html);
    // A table the GFM rule cannot write as Markdown (a list or a heading in a cell) is kept as
    // HTML by the plugin; such bodies are converted again with their tables as plain blocks.
    if (/<\/?(?:table|div)\b/i.test(markdown)) {
      this.#notes = new Set(["a table too complex for Markdown became plain paragraphs"]);
      markdown = this.#withoutTables.turndown(html);
    }
    return { markdown: markdown.trim(), notes: [...this.#notes] };
  }

  /** Markdown of a plain-text body: its paragraphs and lines, every character as written. */
  fromText(text: string): ConvertedBody {
    const html = text
      .split(/\r?\n\s*\r?\n/)
      .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\r?\n/g, "<br>")}</p>`)
      .join("");
    return this.fromHtml(html, undefined);
  }

  /** An address of the old site as an absolute URL a link may keep, or undefined. */
  absoluteUrl(href: string, base: string | undefined): string | undefined {
    let url: URL;
    try {
      url = base === undefined ? new URL(href.trim()) : new URL(href.trim(), base);
    } catch {
      return undefined;
    }
    if (!LINK_SCHEMES.has(url.protocol)) return undefined;
    // Markdown ends a link's address at a parenthesis or a space.
    return url.href.replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/ /g, "%20");
  }

  #service(withTables: boolean): TurndownService {
    const service = new TurndownService({
      headingStyle: "atx",
      bulletListMarker: "-",
      codeBlockStyle: "fenced",
      emDelimiter: "*",
    });
    if (withTables) service.use(tables);
    service.remove((node) => DROPPED.has(node.nodeName.toLowerCase()));
    // Text that looks like a tag or an entity stays text: `<` and `&` are escaped for Markdown.
    const escape = service.escape.bind(service);
    service.escape = (text: string) => escape(text).replace(/[<&]/g, (char) => `\\${char}`);
    service.addRule("links", {
      filter: "a",
      replacement: (content, node) => {
        const href = node.getAttribute("href");
        if (href === null || href.trim() === "" || href.trim().startsWith("#")) return content;
        const url = this.absoluteUrl(href, this.#base);
        if (url === undefined) {
          this.#notes.add(
            /^\s*(?:javascript|vbscript|data):/i.test(href)
              ? "a link to a script or data address was dropped (its text is kept)"
              : "a link that is not a web address was dropped (its text is kept)",
          );
          return content;
        }
        const text = content.trim() === "" ? url : content;
        return `[${text}](${url})`;
      },
    });
    service.addRule("images", {
      filter: "img",
      replacement: (_content, node) => {
        const element = node;
        const src = element.getAttribute("src") ?? "";
        const url = this.absoluteUrl(src, this.#base);
        const alt = (element.getAttribute("alt") ?? "").replace(/\s+/g, " ").trim();
        if (url === undefined || url.startsWith("mailto:")) {
          this.#notes.add("an image without a web address was left out");
          return alt === "" ? "" : service.escape(alt);
        }
        this.#notes.add("an image became a link to the old site (photos are not imported)");
        return `[${alt === "" ? "image" : service.escape(alt)}](${url})`;
      },
    });
    return service;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
