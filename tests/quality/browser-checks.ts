/**
 * Checks that need a real browser: axe-core's accessibility rules, and watchers that notice any
 * script a page runs against its will (an alert, confirm or prompt dialog) or that its Content
 * Security Policy had to block.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";

/** The axe-core tags of WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices. */
export const AXE_TAGS: readonly string[] = [
  "wcag2a",
  "wcag2aa",
  "wcag21a",
  "wcag21aa",
  "wcag22aa",
  "best-practice",
];

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/** Runs axe-core in the page at {@link AXE_TAGS} and returns one line per violating node. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern; a script tag
  // would be (rightly) refused.
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (options: object) => Promise<AxeResults> } }).axe.run({
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      }),
    [...AXE_TAGS],
  );
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? "?"}) at ${node.target.join(" ")}: ${node.failureSummary?.replace(/\s+/g, " ") ?? violation.help}`,
    ),
  );
}

/** What the watchers saw on one page since they were attached. */
export interface ScriptWatch {
  /** Messages of alert, confirm, prompt and beforeunload dialogs (each dismissed). */
  readonly dialogs: string[];
  /** `directive blocked-uri` of every securitypolicyviolation event. */
  readonly violations: string[];
  /** Uncaught errors of the page's own scripts. */
  readonly errors: string[];
}

/**
 * Attaches the watchers to a page before it loads anything: a dialog listener, and a
 * securitypolicyviolation listener added by an init script (so it is there before the first
 * script of every document) that reports through a binding.
 */
export async function watchScripts(page: Page): Promise<ScriptWatch> {
  const watch: ScriptWatch = { dialogs: [], violations: [], errors: [] };
  page.on("dialog", (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => watch.errors.push(error.message));
  await page.exposeFunction("sosikReportViolation", (line: string) => {
    watch.violations.push(line);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { sosikReportViolation: (line: string) => void })
        .sosikReportViolation;
      report(
        `${event.effectiveDirective} ${event.blockedURI} at ${event.sourceFile}:${String(event.lineNumber)}`,
      );
    });
  });
  return watch;
}

/** Empties the watchers' lists, to reuse a page for the next URL. */
export function clearWatch(watch: ScriptWatch): void {
  watch.dialogs.length = 0;
  watch.violations.length = 0;
  watch.errors.length = 0;
}
