/**
 * Security rules every built page must keep, read from the HTML as written: a Content Security
 * Policy meta tag first in <head> that allows no inline or eval'd script, no inline scripts,
 * styles or event handlers, no script URLs, and external links that leak neither opener nor
 * referrer.
 */
import * as cheerio from "cheerio";

/** A policy split into directives: name -> source list. */
export type Policy = ReadonlyMap<string, readonly string[]>;

/** Parses a CSP header value into its directives. */
export function parsePolicy(text: string): Policy {
  const directives = new Map<string, string[]>();
  for (const part of text.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** The sources a page's script-src may hold: Pagefind's WebAssembly only on the search pages. */
export function allowedScriptSources(file: string): readonly string[] {
  return isSearchPage(file) ? ["'self'", "'wasm-unsafe-eval'"] : ["'self'"];
}

/** True for the search pages, the only ones that run Pagefind. */
export function isSearchPage(file: string): boolean {
  return /^(ko|en)\/search\/index\.html$/.test(file);
}

// Script types the browser runs; anything else (application/ld+json) is a data block.
const SCRIPT_TYPES = new Set(["", "module", "text/javascript", "application/javascript"]);

const SCRIPT_URL = /^(javascript|vbscript|livescript):/i;

/** Every broken rule of one page, one line each; `file` is relative to the output folder. */
export function auditPage(file: string, html: string, origin: string): string[] {
  const $ = cheerio.load(html);
  const problems: string[] = [];
  const problem = (what: string) => problems.push(`${file}: ${what}`);

  const metas = $('meta[http-equiv="Content-Security-Policy" i]');
  const headFirst = $("head").children().slice(0, 2).toArray();
  if (metas.length !== 1) {
    problem(`should have one CSP meta tag, has ${String(metas.length)}`);
  } else if (headFirst[0]?.attribs.charset === undefined || headFirst[1] !== metas.get(0)) {
    problem("the CSP meta tag should come right after <meta charset>");
  } else {
    const policy = parsePolicy(metas.attr("content") ?? "");
    const scripts = policy.get("script-src") ?? policy.get("default-src") ?? ["*"];
    const allowed = allowedScriptSources(file);
    const extra = scripts.filter((source) => !allowed.includes(source));
    if (extra.length > 0) problem(`script-src allows ${extra.join(" ")}`);
    if (!(policy.get("default-src") ?? []).every((s) => s === "'none'" || s === "'self'")) {
      problem("default-src should be 'none' or 'self'");
    }
    for (const directive of ["object-src", "base-uri"]) {
      if (policy.get(directive)?.join(" ") !== "'none'") problem(`${directive} should be 'none'`);
    }
    for (const [directive, sources] of policy) {
      if (sources.some((s) => /^'unsafe-(inline|eval|hashes)'$/.test(s))) {
        problem(`${directive} allows ${sources.join(" ")}`);
      }
    }
    if (!isSearchPage(file) && policy.has("connect-src")) {
      problem("only the search page needs connect-src");
    }
  }

  $("script").each((_, element) => {
    const script = $(element);
    const type = (script.attr("type") ?? "").trim().toLowerCase();
    if (SCRIPT_TYPES.has(type) && script.attr("src") === undefined) {
      problem(`has an inline script: ${script.text().slice(0, 60)}`);
    }
  });
  if ($("style").length > 0) problem("has a <style> element");
  for (const tag of ["iframe", "object", "embed", "base", "frame", "applet"]) {
    if ($(tag).length > 0) problem(`has an <${tag}> element`);
  }
  $("*").each((_, element) => {
    if (!("attribs" in element)) return;
    for (const [name, value] of Object.entries(element.attribs)) {
      if (/^on/i.test(name)) problem(`<${element.tagName}> has an event handler ${name}`);
      if (name === "style") problem(`<${element.tagName}> has a style attribute`);
      if (SCRIPT_URL.test(value.replace(/[\s\p{Cc}]/gu, ""))) {
        problem(`<${element.tagName} ${name}> holds a script URL`);
      }
    }
  });

  $("a[href]").each((_, element) => {
    const link = $(element);
    let url: URL;
    try {
      url = new URL(link.attr("href") ?? "", `${origin}/`);
    } catch {
      return;
    }
    if (!/^https?:$/.test(url.protocol) || url.origin === origin) return;
    const rel = (link.attr("rel") ?? "").toLowerCase().split(/\s+/);
    if (!rel.includes("noopener") || !rel.includes("noreferrer")) {
      problem(`external link ${url.href} should have rel="noopener noreferrer"`);
    }
  });
  return problems;
}
