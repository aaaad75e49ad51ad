import assert from "node:assert/strict";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { describe, it } from "node:test";
import { build } from "../../src/build-site.ts";
import { terminalProgress } from "../../src/cli/progress-line.ts";
import type { BuildStep } from "../../src/plugins/build-options.ts";
import { SAMPLE_CONTENT, buildSite, tempDir } from "../helpers/site.ts";

/** A terminal stand-in: what was written, and a clock the test moves by hand. */
function fakeTerminal(columns = 80) {
  const writes: string[] = [];
  let now = 0;
  const stream = {
    isTTY: true,
    columns,
    write(text: string) {
      writes.push(text);
      return true;
    },
  };
  return {
    stream,
    clock: () => now,
    tick: (ms: number) => (now += ms),
    /** Lines left on screen: each \n-terminated line after its last clear. */
    finishedLines: () =>
      writes
        .join("")
        .split("\n")
        .slice(0, -1)
        .map((line) => line.split("\r\u001b[2K").at(-1) ?? ""),
    writes,
  };
}

describe("progress on a terminal", () => {
  it("stays silent when the output is not a terminal", () => {
    assert.equal(terminalProgress({ isTTY: false, write: () => true }), undefined);
  });

  it("leaves one line per step with its count and time, and shows the running count", () => {
    const terminal = fakeTerminal();
    const progress = terminalProgress(terminal.stream, terminal.clock);
    assert.ok(progress, "a terminal should get a progress reporter");
    progress.started("validating");
    terminal.tick(1200);
    progress.advanced(10000);
    progress.started("rendering");
    terminal.tick(300);
    progress.started("rendering", 10952);
    for (let page = 0; page < 5000; page++) {
      progress.advanced();
      terminal.tick(1);
    }
    assert.match(terminal.writes.at(-1) ?? "", /rendering [\d,]+ \/ 10,952 pages · \d+\.\d s$/);
    for (let page = 5000; page < 10952; page++) progress.advanced();
    terminal.tick(700);
    progress.started("indexing");
    terminal.tick(4000);
    progress.close();
    assert.deepEqual(terminal.finishedLines(), [
      "validated 10,000 notices in 1.2 s",
      "rendered 10,952 pages in 6.0 s",
      "indexed search in 4.0 s",
    ]);
  });

  it("never draws a status line wider than the terminal", () => {
    const terminal = fakeTerminal(20);
    const progress = terminalProgress(terminal.stream, terminal.clock);
    progress?.started("rendering", 10952);
    progress?.close();
    const live = terminal.writes.filter((text) => !text.endsWith("\n"));
    assert.ok(live.length > 0, "a status line should have been drawn");
    for (const text of live) {
      const shown = text.split("\r\u001b[2K").at(-1) ?? "";
      assert.ok(shown.length < 20, `"${shown}" should fit in 20 columns`);
    }
  });
});

describe("build progress", () => {
  it("counts every page the build writes, after validating every notice", async () => {
    const events: { step: BuildStep; total?: number }[] = [];
    const counts = new Map<BuildStep, number>();
    let current: BuildStep | undefined;
    const output = join(await tempDir("sosik-progress-"), "_site");
    const report = await build({
      contentDir: SAMPLE_CONTENT,
      outputDir: output,
      now: Date.parse("2026-11-26T00:00:00Z"),
      progress: {
        started: (step, total) => {
          events.push({ step, ...(total === undefined ? {} : { total }) });
          current = step;
        },
        advanced: (count = 1) => {
          if (current) counts.set(current, (counts.get(current) ?? 0) + count);
        },
      },
    });
    assert.deepEqual(
      events.map((event) => event.step),
      ["validating", "rendering", "rendering", "indexing"],
      "steps should be announced in order, rendering again once its total is known",
    );
    assert.equal(events[2]?.total, report.pages, "the rendering total should be the pages written");
    assert.equal(counts.get("rendering"), report.pages, "every page written should be counted");
    assert.ok(
      (counts.get("validating") ?? 0) >= report.notices,
      "every notice should be validated",
    );
    assert.ok(report.search.shards > 0, "the sample should be indexed");
  });

  it("prints only the one-line summary when the output is not a terminal", async () => {
    const { result } = await buildSite(SAMPLE_CONTENT);
    // stderr carries the content's warnings, and nothing else: no progress, no Eleventy line.
    // Eleventy's own "[11ty] Benchmark" line, printed when a step takes over 8% of a build on a
    // busy machine, depends on timing, not on Sosik, and gets past Eleventy's quiet mode.
    const lines = stripVTControlCharacters(result.stderr)
      .split("\n")
      .filter((line) => line !== "" && !/^\[11ty\] Benchmark /.test(line));
    for (const line of lines) {
      assert.match(
        line,
        /^content\/\S+\.md: warning: /,
        "stderr should hold only content warnings",
      );
    }
    assert.match(result.stdout, /^Built \d+ notices \(\d+ pages, [^)]*\) into .+ in \d+\.\d s\n$/);
  });
});
