/**
 * Headless Chromium for browser tests. Uses the system Chromium (never downloads one) with flags
 * that keep it quiet and offline-friendly in containers and CI.
 */
import { chromium } from "playwright-core";
import type { Browser, LaunchOptions } from "playwright-core";

/** Chromium flags every test browser gets: sandbox-free containers, no background traffic. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** The Chromium binary to use: CHROME_PATH when set, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.CHROME_PATH ?? "/usr/bin/chromium";
}

/** Launches headless Chromium; extra options are merged, extra args appended to the defaults. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    headless: true,
    ...options,
    executablePath: options.executablePath ?? chromiumPath(),
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}
