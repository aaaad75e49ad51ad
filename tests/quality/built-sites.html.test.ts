// The W3C Nu HTML checker over real builds: the sample site grown to four board pages a language
// and the hostile fixture, every page in one Java process. The browser gates over the same
// builds are in built-sites.browser.test.ts.
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { buildSite, listFiles, tempDir } from "../helpers/site.ts";
import { boardFixture, hostileFixture } from "./fixtures.ts";
import { formatVnuMessages, messageFile, validateHtml } from "./vnu.ts";

/** A built site's output folder and how many pages it holds. */
async function built(content: string): Promise<{ output: string; pages: number }> {
  const { output } = await buildSite(content);
  const pages = (await listFiles(output)).filter((file) => file.endsWith(".html")).length;
  return { output, pages };
}

describe("the built sites' HTML", () => {
  let board: { output: string; pages: number };
  let hostile: { output: string; pages: number };

  before(async () => {
    const [boardContent, hostileContent] = await Promise.all([boardFixture(), hostileFixture()]);
    // Each build runs in its own process; two at a time keep both cores busy.
    [board, hostile] = await Promise.all([built(boardContent), built(hostileContent)]);
  });

  it("passes the W3C Nu HTML checker with no error, in one run", async () => {
    // A page with known errors goes into the same run, to prove the checker reports them.
    const canaryDir = await tempDir("sosik-vnu-");
    const canary = join(canaryDir, "canary.html");
    await writeFile(canary, "<!doctype html><html><title>x</title><p><div></p><meta foo=bar>");
    const errors = await validateHtml([board.output, hostile.output, canary]);
    const fromCanary = errors.filter((message) => messageFile(message) === canary);
    assert.ok(fromCanary.length >= 2, "the checker should report the canary page's errors");
    const real = errors.filter((message) => messageFile(message) !== canary);
    assert.equal(real.length, 0, `HTML errors:\n${formatVnuMessages(real)}`);
    console.log(`vnu: ${String(board.pages + hostile.pages)} pages, ${String(real.length)} errors`);
  });
});
