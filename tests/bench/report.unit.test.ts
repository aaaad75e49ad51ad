import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatMarkdown, scaleOf, stepsNotRun, targetsOf } from "../../bench/report.ts";
import type {
  BenchResult,
  SizeResult,
  StepResult,
  TargetInputs,
  TargetResult,
} from "../../bench/report.ts";
import type { SearchResult } from "../../bench/search.ts";
import type { PageWeight } from "../../bench/weight.ts";

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** A measured step of one round per time given, each with the same peak. */
function step(label: string, times: readonly number[], peakBytes: number): StepResult {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    label,
    runs: times.length,
    medianMs: sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN,
    medianPeakBytes: peakBytes,
    samples: times.map((ms) => ({ ms, peakBytes })),
  };
}

const weight: PageWeight = {
  noticePages: 100,
  medianBytes: 9_300,
  maxBytes: 12_400,
  heaviest: "/ko/notices/2025-12-31-heaviest/",
  pagesWithScript: [],
  photos: { pages: 0, medianBytes: 0, maxBytes: 0, heaviest: "" },
};

/** A default-order search of `query` with its first results after `ms` and `gzipBytes`. */
function searched(query: string, ms: number, gzipBytes: number): SearchResult {
  return {
    lang: "ko",
    query,
    order: "newest",
    runs: 1,
    medianMs: ms,
    medianBytes: gzipBytes * 1.5,
    medianGzipBytes: gzipBytes,
    requests: 13,
  };
}

/**
 * The steps a size runs: every step when `baselinePagefind`, as up to 40,000 notices; without
 * the baseline's Pagefind and Sosik's render and index alone otherwise, as a large size.
 */
function stepsOf(options: {
  readonly fullMs: number;
  readonly fullPeak: number;
  readonly edit?: number;
  readonly add?: number;
  readonly remove?: number;
  readonly baselinePagefind: boolean;
}): Record<string, StepResult> {
  const steps: Record<string, StepResult> = {
    check: step("content check", [1_500], 200 * MiB),
    full: step("full build (validate + render + index)", [options.fullMs], options.fullPeak),
    rebuild: step("rebuild after editing one notice", [options.edit ?? 3_000], 800 * MiB),
    rebuildAdd: step("publish after adding one notice", [options.add ?? 3_000], 800 * MiB),
    rebuildDelete: step("publish after deleting one notice", [options.remove ?? 3_000], 800 * MiB),
    baselineRender: step("baseline: minimal Eleventy 3", [10_000], 600 * MiB),
  };
  if (options.baselinePagefind) {
    steps["render"] = step("render alone", [11_000], 800 * MiB);
    steps["index"] = step("index alone", [30_000], 900 * MiB);
    steps["baselineIndex"] = step("baseline: Pagefind CLI", [30_000], 2.7 * GiB);
    // As run.ts composes it: the two baseline steps one after the other, without samples.
    steps["baselineFull"] = {
      ...step("baseline: Eleventy, then Pagefind CLI", [40_000], 2.7 * GiB),
      samples: [],
    };
  }
  return steps;
}

/** One size's result, its targets judged by `targetsOf` as the bench does. */
function sizeOf(
  notices: number,
  steps: Record<string, StepResult>,
  extra: Partial<Pick<TargetInputs, "search" | "index">> & { notRun?: readonly string[] } = {},
): SizeResult {
  return {
    notices,
    corpus: {
      ko: notices / 2,
      en: notices / 2,
      pairs: notices * 0.4,
      drafts: 0,
      attachments: 0,
      bodyCharacters: notices * 3_800,
      firstDay: "2001-01-02",
      lastDay: "2025-12-31",
    },
    steps,
    weight,
    outputBytes: notices * 24_000,
    indexBytes: notices * 5_600,
    baselineIndexBytes: steps["baselineIndex"] ? notices * 4_300 : 0,
    ...(extra.search ? { search: extra.search } : {}),
    ...(extra.notRun ? { notRun: extra.notRun } : {}),
    targets: targetsOf({ notices, steps, weight, search: extra.search, index: extra.index }),
  };
}

function benchOf(sizes: readonly SizeResult[]): BenchResult {
  return {
    date: "2026-12-02T00:00:00.000Z",
    machine: { cpus: 2, cpu: "Test CPU", memoryBytes: 24 * GiB, node: "v20.20.2" },
    seed: 20260101,
    runs: 1,
    pathPrefix: "/",
    sizes,
  };
}

/** The cells of the Markdown table row whose first cell is `first`, after the heading `section`. */
function row(markdown: string, section: string, first: string): string[] {
  const start = markdown.indexOf(`\n## ${section}\n`);
  assert.ok(start >= 0, `the report should have a section "## ${section}"`);
  const next = markdown.indexOf("\n## ", start + 1);
  const lines = markdown.slice(start, next < 0 ? undefined : next).split("\n");
  const line = lines.find((l) => l.startsWith(`| ${first} |`));
  assert.ok(line, `section "${section}" should have a row starting "${first}"`);
  return line
    .split("|")
    .slice(1, -1)
    .map((cell) => cell.trim());
}

function target(targets: readonly TargetResult[], name: string): TargetResult {
  const found = targets.find((t) => t.target === name);
  assert.ok(
    found,
    `there should be a target "${name}"; got ${targets.map((t) => t.target).join("; ")}`,
  );
  return found;
}

const RATIO_TARGETS = [
  "cold full build <= 0.7x baseline (Eleventy + Pagefind CLI)",
  "publish after editing one notice <= 0.1x baseline",
  "publish after adding one notice <= 0.1x baseline",
  "publish after deleting one notice <= 0.1x baseline",
  "Korean index <= 1.2x plain Pagefind over the same pages",
  "render alone <= 1.2x minimal Eleventy",
];

describe("bench report", () => {
  it("gives the scale section each size's growth exponents of memory and time from the size before", () => {
    const small = sizeOf(
      10_000,
      stepsOf({ fullMs: 60_000, fullPeak: GiB, baselinePagefind: true }),
    );
    const large = sizeOf(
      100_000,
      stepsOf({ fullMs: 300_000, fullPeak: 2 * GiB, baselinePagefind: false }),
    );
    const markdown = formatMarkdown(benchOf([small, large]));
    const [notices, time, peak, perThousand, memory, growthOfTime] = row(
      markdown,
      "Scale",
      "100,000",
    );
    assert.equal(notices, "100,000");
    assert.equal(time, "300.00 s", "the row should show the full build's time");
    assert.equal(peak, "2048 MiB", "the row should show the full build's peak");
    assert.equal(perThousand, "20 MiB", "2 GiB over 100,000 notices is 20 MiB per 1,000");
    assert.equal(memory, "0.30", "log(2 GiB / 1 GiB) / log(100,000 / 10,000) should be 0.30");
    assert.equal(growthOfTime, "0.70", "log(300 s / 60 s) / log(10) should be 0.70");
    const first = row(markdown, "Scale", "10,000");
    assert.deepEqual(first.slice(4), ["", ""], "the smallest size has no size before it");
    const verdict = row(
      markdown,
      "Scale",
      "memory grows slower than the board (exponent < 1 between each pair of sizes)",
    );
    assert.deepEqual(verdict.slice(1), ["0.30", "pass"]);
    const scale = scaleOf([large, small]);
    assert.ok(scale, "two sizes should have a scale");
    assert.deepEqual(
      scale.rows.map((r) => r.notices),
      [10_000, 100_000],
      "the scale should go from the smallest size up, whatever the order they ran in",
    );
    assert.ok(Math.abs((scale.rows[1]?.memoryExponent ?? 0) - Math.log10(2)) < 1e-9);
    assert.equal(scale.target.pass, true);
  });

  it("fails the scale target when memory grows as fast as the board between any pair of sizes", () => {
    const sizes = [
      sizeOf(1_000, stepsOf({ fullMs: 8_000, fullPeak: 100 * MiB, baselinePagefind: true })),
      sizeOf(10_000, stepsOf({ fullMs: 50_000, fullPeak: 1_100 * MiB, baselinePagefind: true })),
      sizeOf(100_000, stepsOf({ fullMs: 170_000, fullPeak: 1_500 * MiB, baselinePagefind: false })),
    ];
    const markdown = formatMarkdown(benchOf(sizes));
    const verdict = row(
      markdown,
      "Scale",
      "memory grows slower than the board (exponent < 1 between each pair of sizes)",
    );
    assert.deepEqual(
      verdict.slice(1),
      ["1.04, 0.13", "**FAIL**"],
      "1,000 to 10,000 notices grows memory 11 times, an exponent above 1",
    );
  });

  it("has no scale section for a run of one size", () => {
    const only = sizeOf(
      1_000,
      stepsOf({ fullMs: 8_000, fullPeak: 450 * MiB, baselinePagefind: true }),
    );
    assert.equal(scaleOf([only]), undefined);
    assert.ok(
      !formatMarkdown(benchOf([only])).includes("## Scale"),
      "one size has nothing to scale",
    );
  });

  it("leaves a large size's ratio targets not judged without the baseline's Pagefind and judges its 3-minute and 2 GiB limits", () => {
    const within = sizeOf(
      100_000,
      stepsOf({ fullMs: 170_000, fullPeak: 1.9 * GiB, baselinePagefind: false }),
      { index: { korean: 300 * MiB, baselineKorean: 0 } },
    );
    for (const name of RATIO_TARGETS) {
      const judged = target(within.targets, name);
      assert.equal(judged.pass, null, `"${name}" should not be judged at 100,000 notices`);
      assert.match(judged.measured, /^n\/a \(/, `"${name}" should be measured as n/a`);
    }
    assert.equal(target(within.targets, "cold full build < 3 min").pass, true, "170 s is within");
    assert.equal(
      target(within.targets, "full build peak memory < 2 GiB (all processes)").pass,
      true,
      "1.9 GiB is within",
    );
    assert.ok(
      !within.targets.some((t) => t.target === "full build peak memory <= 1 GiB (all processes)"),
      "a large size is judged on 2 GiB, not on the 10,000-notice limit",
    );
    const markdown = formatMarkdown(benchOf([within]));
    assert.deepEqual(
      row(markdown, "100,000 notices", "publish after adding one notice <= 0.1x baseline").slice(1),
      ["n/a (the baseline's Pagefind CLI not run at this size)", "not judged"],
    );
    assert.equal(row(markdown, "100,000 notices", "cold full build < 3 min")[2], "pass");

    const beyond = sizeOf(
      100_000,
      stepsOf({ fullMs: 190_000, fullPeak: 2.1 * GiB, baselinePagefind: false }),
    );
    assert.equal(target(beyond.targets, "cold full build < 3 min").pass, false, "190 s is over");
    assert.equal(
      target(beyond.targets, "full build peak memory < 2 GiB (all processes)").pass,
      false,
      "2.1 GiB is over",
    );
    assert.equal(
      row(formatMarkdown(benchOf([beyond])), "100,000 notices", "cold full build < 3 min")[2],
      "**FAIL**",
    );
  });

  it("judges a large size's search on 200 kB until the first results and a 10,000-notice size on 150 kB", () => {
    const search = [searched("안전", 250, 180_000)];
    const large = sizeOf(
      100_000,
      stepsOf({ fullMs: 170_000, fullPeak: 1.9 * GiB, baselinePagefind: false }),
      { search },
    );
    const usual = sizeOf(
      10_000,
      stepsOf({ fullMs: 50_000, fullPeak: 0.9 * GiB, baselinePagefind: true }),
      {
        search,
      },
    );
    assert.equal(
      target(large.targets, 'search "안전" (ko): <= 200 kB transferred until the first results')
        .pass,
      true,
    );
    assert.equal(
      target(large.targets, 'search "안전" (ko): first results <= 300 ms after typing').pass,
      true,
    );
    assert.equal(
      target(usual.targets, 'search "안전" (ko): <= 150 kB transferred until the first results')
        .pass,
      false,
    );
  });

  it("judges publish after adding and after deleting one notice against the baseline as it does the edit", () => {
    const steps = stepsOf({
      fullMs: 50_000,
      fullPeak: 0.9 * GiB,
      edit: 3_000,
      add: 3_600,
      remove: 5_200,
      baselinePagefind: true,
    });
    const size = sizeOf(10_000, steps);
    const add = target(size.targets, "publish after adding one notice <= 0.1x baseline");
    const remove = target(size.targets, "publish after deleting one notice <= 0.1x baseline");
    assert.equal(add.measured, "0.09x (medians 3.60 s vs 40.00 s)");
    assert.equal(add.pass, true, "3.6 s against 40 s is 0.09x");
    assert.equal(remove.measured, "0.13x (medians 5.20 s vs 40.00 s)");
    assert.equal(remove.pass, false, "5.2 s against 40 s is 0.13x");
    const markdown = formatMarkdown(benchOf([size]));
    const labels = markdown
      .split("\n")
      .filter((line) => line.startsWith("| rebuild after") || line.startsWith("| publish after"))
      .map((line) => line.split("|")[1]?.trim());
    assert.deepEqual(
      labels,
      [
        "rebuild after editing one notice",
        "publish after adding one notice",
        "publish after deleting one notice",
        "publish after editing one notice <= 0.1x baseline",
        "publish after adding one notice <= 0.1x baseline",
        "publish after deleting one notice <= 0.1x baseline",
      ],
      "the steps table should list the edit, the addition and the deletion, then their targets",
    );
  });

  it("says in a note which steps a large size did not run, one sentence each", () => {
    assert.deepEqual(stepsNotRun(40_000, 24 * GiB), [], "40,000 notices runs every step");
    const notRun = stepsNotRun(100_000, 24 * GiB);
    assert.equal(notRun.length, 4, "Pagefind CLI, render and index alone, preview, search quality");
    assert.match(
      notRun[0] ?? "",
      /about 33 GiB at 100,000 notices, more than the machine's 24 GiB/,
    );
    const size = sizeOf(
      100_000,
      stepsOf({ fullMs: 170_000, fullPeak: 1.9 * GiB, baselinePagefind: false }),
      { notRun },
    );
    const markdown = formatMarkdown(benchOf([size]));
    const note = markdown.slice(markdown.indexOf("Not run at 100,000 notices:"));
    assert.ok(
      markdown.includes("Not run at 100,000 notices:"),
      "the size should say what it left out",
    );
    for (const sentence of notRun) {
      assert.ok(note.includes(`- ${sentence}`), `the note should list: ${sentence}`);
    }
    assert.match(
      markdown,
      /Pagefind index over Sosik's pages \d+ MiB, none over the baseline's \(not run\)\./,
    );
  });

  it("closes by saying that sizes above 40,000 are judged on the 100,000-notice limits", () => {
    const markdown = formatMarkdown(
      benchOf([
        sizeOf(1_000, stepsOf({ fullMs: 8_000, fullPeak: 450 * MiB, baselinePagefind: true })),
      ]),
    );
    assert.match(
      markdown,
      /The issue sets the targets at 10,000 notices, and limits of its own at 100,000: sizes above 40,000 are judged on those/,
    );
  });
});
