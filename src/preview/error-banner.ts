/**
 * Shows a failed rebuild in the browser as well as in the terminal: while the content has an
 * error, every page the preview serves (still the last good build) starts with a banner naming
 * each problem. The next good build takes it away.
 */
import type { ServerResponse } from "node:http";
import MarkdownIt from "markdown-it";
import { ContentError } from "../content/errors.ts";
import { findCause } from "../cli/run.ts";
import type { Middleware } from "./guard.ts";

const { escapeHtml } = new MarkdownIt().utils;

/** The last rebuild's failure, as the banner shows it; undefined after a good build. */
export interface BuildFailure {
  banner: string | undefined;
}

/**
 * The banner for a failed rebuild: for content errors each one's file, line, key and message,
 * otherwise the error's first line. Everything from the files is escaped.
 */
export function failureBanner(error: unknown): string {
  const content = findCause(error, (candidate) => candidate instanceof ContentError);
  const items =
    content instanceof ContentError
      ? content.issues
          .filter((issue) => issue.severity === "error")
          .map((issue) => {
            const where =
              issue.line === undefined ? issue.file : `${issue.file}:${String(issue.line)}`;
            return `<li><code>${escapeHtml(where)}</code>: <code>${escapeHtml(issue.key)}</code>: ${escapeHtml(issue.message)}</li>`;
          })
      : [`<li>${escapeHtml(firstLine(error))}</li>`];
  // The draft banner's look (layouts/assets/site.css): the page's policy allows no inline style.
  return (
    `<div class="draft-banner preview-error" role="alert">` +
    `<p>The preview was not updated: fix ${items.length === 1 ? "this" : "these"}, then save again. The pages below are from the last good build.</p>` +
    `<ul>${items.join("")}</ul></div>`
  );
}

/** A middleware that puts the banner at the start of each HTML page while a rebuild failed. */
export function errorBanner(failure: BuildFailure): Middleware {
  return (_req, res, next) => {
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    // The dev server writes HTML pages as one string (server.js, renderFile).
    res.end = ((...args: unknown[]) => {
      const [body, ...rest] = args;
      const banner = failure.banner;
      if (banner && typeof body === "string" && isHtml(res)) {
        return end(withBanner(body, banner), ...rest);
      }
      return end(...args);
    }) as ServerResponse["end"];
    next();
  };
}

/** `html` with `banner` right after its `<body>` tag (or first, if it has none). */
export function withBanner(html: string, banner: string): string {
  const body = /<body\b[^>]*>/i.exec(html);
  if (!body) return banner + html;
  const at = body.index + body[0].length;
  return html.slice(0, at) + banner + html.slice(at);
}

function isHtml(res: ServerResponse): boolean {
  return String(res.getHeader("Content-Type") ?? "").startsWith("text/html");
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n", 1)[0] ?? message;
}
