/** The bench's results: their JSON shape and their Markdown table. */
import { median } from "./measure.ts";
import type { PreviewResult } from "./preview.ts";
import type { SearchResult } from "./search.ts";
import type { SearchQuality } from "./search-quality.ts";
import type { PageWeight } from "./weight.ts";

/** Figures of one measured step. */
export interface StepResult {
  readonly label: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly medianPeakBytes: number;
  /** CPU time (user + system) of the process tree, when GNU time was there to measure it. */
  readonly medianCpuMs?: number;
  readonly samples: readonly {
    readonly ms: number;
    readonly peakBytes: number;
    readonly cpuMs?: number;
  }[];
  readonly note?: string;
}

/** One target of issue 7 and whether this run met it. */
export interface TargetResult {
  readonly target: string;
  readonly measured: string;
  /** `null`: not judged, because what it is measured against was not run at this size. */
  readonly pass: boolean | null;
}

/** Everything measured for one corpus size. */
export interface SizeResult {
  readonly notices: number;
  readonly corpus: {
    readonly ko: number;
    readonly en: number;
    readonly pairs: number;
    readonly drafts: number;
    readonly attachments: number;
    readonly bodyCharacters: number;
    /** Median words of a body (Korean counted by eojeol); absent in results of older runs. */
    readonly medianBodyWords?: number;
    readonly firstDay: string;
    readonly lastDay: string;
  };
  readonly steps: Readonly<Record<string, StepResult>>;
  readonly weight: PageWeight;
  readonly outputBytes: number;
  /** Pagefind CLI's index over Sosik's pages. */
  readonly indexBytes: number;
  readonly baselineIndexBytes: number;
  /** Korean index files (pf_meta, pf_index, pf_fragment) of Sosik's shards, and of the baseline's. */
  readonly koreanIndexBytes?: number;
  readonly baselineKoreanIndexBytes?: number;
  /** Search in Chromium on the full build's output, when Chromium was there. */
  readonly search?: readonly SearchResult[];
  /** Precision and recall of the search page on our query set (bench/search-quality.ts). */
  readonly searchQuality?: SearchQuality;
  /** `npm start` on the corpus, with single edits. */
  readonly preview?: PreviewResult;
  /** The steps not run at this size, a sentence each saying why (`stepsNotRun`). */
  readonly notRun?: readonly string[];
  readonly targets: readonly TargetResult[];
}

/** One size of a run against the size before it: how time and memory grow with the board. */
export interface ScaleRow {
  readonly notices: number;
  readonly fullMs: number;
  readonly fullPeakBytes: number;
  readonly peakBytesPer1000: number;
  /** log(peak / previous peak) / log(notices / previous notices); absent for the first size. */
  readonly memoryExponent?: number;
  /** The same for the full build's time. */
  readonly timeExponent?: number;
}

/** How a run with several sizes scales, and whether memory grows slower than the board. */
export interface ScaleResult {
  readonly rows: readonly ScaleRow[];
  readonly target: TargetResult;
}

/** A whole bench run. */
export interface BenchResult {
  readonly date: string;
  readonly machine: {
    readonly cpus: number;
    readonly cpu: string;
    readonly memoryBytes: number;
    readonly node: string;
  };
  readonly seed: number;
  readonly runs: number;
  /** Path prefix of Sosik's builds ("/" for none). */
  readonly pathPrefix: string;
  readonly sizes: readonly SizeResult[];
  /** Growth from size to size, when the run has two sizes or more (`scaleOf`). */
  readonly scale?: ScaleResult;
}

const GiB = 1024 ** 3;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
const count = (n: number) => n.toLocaleString("en");

/**
 * Sizes above this are "large": judged on the issue's 100,000-notice limits, without the steps
 * that cannot run there (see `stepsNotRun`).
 */
export const LARGE_NOTICES = 40_000;

/** GiB of memory plain Pagefind takes per 1,000 pages (it holds one index of every page). */
const PLAIN_PAGEFIND_GIB_PER_1000 = 0.33;

/**
 * The steps a size does not run, one sentence each saying why; none up to `LARGE_NOTICES`.
 * `memoryBytes` is the machine's, beside which plain Pagefind's estimate is set.
 */
export function stepsNotRun(notices: number, memoryBytes: number): string[] {
  if (notices <= LARGE_NOTICES) return [];
  const plainPagefind = (PLAIN_PAGEFIND_GIB_PER_1000 * notices) / 1000;
  const machine = memoryBytes / GiB;
  const against = `${plainPagefind > machine ? "more than" : "of"} the machine's ${machine.toFixed(0)} GiB`;
  return [
    `The baseline's Pagefind CLI was not run: plain Pagefind holds one index of every page, about ${String(PLAIN_PAGEFIND_GIB_PER_1000)} GiB per 1,000 pages, so about ${plainPagefind.toFixed(0)} GiB at ${count(notices)} notices, ${against}.`,
    "Render alone and index alone were not run: they split the full build to compare it with the baseline's two steps, whose Pagefind half is not run, and index alone (bench/index-only.ts) holds every rendered page in memory at once.",
    "The preview (`npm start`) was not run: the 100,000-notice limits do not judge it, and it renders and indexes the whole board before the first edit can be timed.",
    `Search quality was not measured: it holds every word of every notice in memory and reads every result of each query through "more" (up to ${count(Math.round(notices / 50))} a query here).`,
  ];
}

/**
 * Per-round times of a step. The baseline's full time is its two steps of the same round
 * added; a step composed from others (no samples) has none.
 */
function roundTimes(steps: Readonly<Record<string, StepResult>>, key: string): number[] {
  if (key === "baselineFull") {
    const render = steps["baselineRender"]?.samples ?? [];
    const index = steps["baselineIndex"]?.samples ?? [];
    return render.map((sample, i) => sample.ms + (index[i]?.ms ?? Number.NaN));
  }
  return (steps[key]?.samples ?? []).map((sample) => sample.ms);
}

/**
 * How many times slower `key` is than `baseline`: the median of the ratios of the same rounds
 * when both have them (each round ran both on the same machine load), else the ratio of medians.
 */
function ratio(steps: Readonly<Record<string, StepResult>>, key: string, baseline: string) {
  const ours = roundTimes(steps, key);
  const theirs = roundTimes(steps, baseline);
  const medians = (steps[key]?.medianMs ?? Number.NaN) / (steps[baseline]?.medianMs ?? Number.NaN);
  if (ours.length === 0 || ours.length !== theirs.length) return { value: medians, rounds: [] };
  const rounds = ours.map((ms, i) => ms / (theirs[i] ?? Number.NaN));
  return { value: median(rounds), rounds };
}

function describeRatio(
  steps: Readonly<Record<string, StepResult>>,
  key: string,
  baseline: string,
  value: number,
  rounds: readonly number[],
): string {
  const perRound =
    rounds.length > 1 ? `; rounds ${rounds.map((r) => r.toFixed(2)).join(", ")}` : "";
  const ms = (k: string) => steps[k]?.medianMs ?? Number.NaN;
  return `${value.toFixed(2)}x (medians ${seconds(ms(key))} vs ${seconds(ms(baseline))}${perRound})`;
}

/** What the not-judged ratio targets call a step that was not run. */
const STEP_NAMES: Readonly<Record<string, string>> = {
  render: "render alone",
  rebuild: "the rebuild after one edit",
  rebuildAdd: "the publish after adding one notice",
  rebuildDelete: "the publish after deleting one notice",
};

/** What `targetsOf` judges: one size's measured steps, page weight, search, preview and index. */
export interface TargetInputs {
  readonly notices: number;
  readonly steps: Readonly<Record<string, StepResult>>;
  readonly weight: PageWeight;
  readonly search?: readonly SearchResult[] | undefined;
  readonly preview?: PreviewResult | undefined;
  readonly index?: { readonly korean: number; readonly baselineKorean: number } | undefined;
}

/**
 * A target "`key` <= `limit` x `baseline`", or not judged when either step was not run (a large
 * size runs no baseline Pagefind, so there is nothing to be a fraction of).
 */
function ratioTarget(
  steps: Readonly<Record<string, StepResult>>,
  target: string,
  key: string,
  baseline: string,
  limit: number,
): TargetResult {
  const needs =
    baseline === "baselineFull" ? ["baselineIndex", "baselineRender", baseline] : [baseline];
  const missing = [key, ...needs].find((step) => steps[step] === undefined);
  if (missing !== undefined) {
    const what =
      missing === "baselineIndex"
        ? "the baseline's Pagefind CLI"
        : (STEP_NAMES[missing] ?? `step ${missing}`);
    return { target, measured: `n/a (${what} not run at this size)`, pass: null };
  }
  const { value, rounds } = ratio(steps, key, baseline);
  return {
    target,
    measured: describeRatio(steps, key, baseline, value, rounds),
    pass: value <= limit,
  };
}

/**
 * The issue's targets, judged on the measured steps, page weight and search: the 10,000-notice
 * targets up to `LARGE_NOTICES`, and above it the 100,000-notice limits instead of the ratios.
 */
export function targetsOf(inputs: TargetInputs): TargetResult[] {
  const { steps, weight, search, preview, index } = inputs;
  const large = inputs.notices > LARGE_NOTICES;
  const ms = (key: string) => steps[key]?.medianMs ?? Number.NaN;
  const fullPeak = steps["full"]?.medianPeakBytes ?? Number.NaN;
  const peakLimit = large
    ? { target: "full build peak memory < 2 GiB (all processes)", pass: fullPeak < 2 * GiB }
    : { target: "full build peak memory <= 1 GiB (all processes)", pass: fullPeak <= GiB };
  const koreanIndex = (): TargetResult => {
    const target = "Korean index <= 1.2x plain Pagefind over the same pages";
    if (!index || steps["baselineIndex"] === undefined) {
      return {
        target,
        measured: "n/a (the baseline's Pagefind CLI not run at this size)",
        pass: null,
      };
    }
    const korean = index.korean / index.baselineKorean;
    return {
      target,
      measured: `${korean.toFixed(2)}x (${(index.korean / 2 ** 20).toFixed(1)} MiB vs ${(index.baselineKorean / 2 ** 20).toFixed(1)} MiB)`,
      pass: korean <= 1.2,
    };
  };
  const transferLimit = large ? 200_000 : 150_000;
  return [
    ratioTarget(
      steps,
      "cold full build <= 0.7x baseline (Eleventy + Pagefind CLI)",
      "full",
      "baselineFull",
      0.7,
    ),
    ...(large
      ? [
          {
            target: "cold full build < 3 min",
            measured: seconds(ms("full")),
            pass: ms("full") < 180_000,
          },
        ]
      : []),
    {
      target: peakLimit.target,
      measured: `${(fullPeak / GiB).toFixed(2)} GiB`,
      pass: peakLimit.pass,
    },
    ratioTarget(
      steps,
      "publish after editing one notice <= 0.1x baseline",
      "rebuild",
      "baselineFull",
      0.1,
    ),
    ratioTarget(
      steps,
      "publish after adding one notice <= 0.1x baseline",
      "rebuildAdd",
      "baselineFull",
      0.1,
    ),
    ratioTarget(
      steps,
      "publish after deleting one notice <= 0.1x baseline",
      "rebuildDelete",
      "baselineFull",
      0.1,
    ),
    ...(index || large ? [koreanIndex()] : []),
    ratioTarget(steps, "render alone <= 1.2x minimal Eleventy", "render", "baselineRender", 1.2),
    ...(preview
      ? [
          {
            target: "npm start: one edited notice on its page and in search <= 3 s",
            measured: `page ${seconds(preview.medianPageMs)}, search ${seconds(preview.medianSearchMs)} (median of ${String(preview.edits.length)} edits; slowest search ${seconds(preview.maxSearchMs)})`,
            pass: preview.maxSearchMs <= 3000,
          },
        ]
      : []),
    { target: "content check < 2 s", measured: seconds(ms("check")), pass: ms("check") < 2000 },
    {
      target: "notice page <= 25 kB gzip (HTML + CSS, heaviest page)",
      measured: `${(weight.maxBytes / 1000).toFixed(1)} kB (median ${(weight.medianBytes / 1000).toFixed(1)} kB)`,
      pass: weight.maxBytes <= 25_000,
    },
    {
      target: "no JavaScript outside the search page and the notice page's tools",
      measured: `${String(weight.pagesWithScript.length)} pages with another <script>`,
      pass: weight.pagesWithScript.length === 0,
    },
    ...defaultOrder(search).flatMap((query) => [
      {
        target: `search "${query.query}" (${query.lang}): first results <= 300 ms after typing`,
        measured: `${query.medianMs.toFixed(0)} ms`,
        pass: query.medianMs <= 300,
      },
      {
        target: `search "${query.query}" (${query.lang}): <= ${String(transferLimit / 1000)} kB transferred until the first results`,
        measured: `${(query.medianGzipBytes / 1000).toFixed(0)} kB gzipped (${(query.medianBytes / 1000).toFixed(0)} kB as served, ${String(query.requests)} requests, cold cache)`,
        pass: query.medianGzipBytes <= transferLimit,
      },
    ]),
  ];
}

/**
 * The searches in the page's default order, newest first, which the targets judge. Results
 * written before both orders were measured have no order: they measured the default of then.
 */
function defaultOrder(search: readonly SearchResult[] | undefined): readonly SearchResult[] {
  return (search ?? []).filter((query) => (query.order ?? "newest") === "newest");
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

/** One row per query and order: first results, and the final count when it comes later. */
function searchRows(search: readonly SearchResult[]): string[] {
  const rows = [
    "| query | order | first results | until then (gzip) | requests | final count | until then (gzip) | requests |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const query of search) {
    const order =
      query.order === undefined
        ? "default"
        : query.order === "newest"
          ? "newest first (default)"
          : "relevance";
    const later =
      query.completeMs === undefined
        ? ["with the first results", "", ""]
        : [
            `${query.completeMs.toFixed(0)} ms`,
            kB(query.completeGzipBytes ?? Number.NaN),
            String(query.completeRequests ?? ""),
          ];
    rows.push(
      `| "${query.query}" (${query.lang}) | ${order} | ${query.medianMs.toFixed(0)} ms | ${kB(query.medianGzipBytes)} | ${String(query.requests)} | ${later.join(" | ")} |`,
    );
  }
  return rows;
}

/**
 * Markdown lines of the search-quality section. They live here, not in search-quality.ts, so
 * that the report can be read and tested without loading a browser.
 */
function searchQualityRows(quality: SearchQuality): string[] {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  return [
    `Search quality: precision ${percent(quality.precision)}, recall ${percent(quality.recall)} over ${String(quality.queries.length)} queries`,
    "",
    "| lang | query | notices holding it | shown | shown and holding it |",
    "| --- | --- | ---: | ---: | ---: |",
    ...quality.queries.map(
      (q) =>
        `| ${q.lang} | ${q.query} | ${String(q.expected)} | ${String(q.shown)} | ${String(q.correct)} |`,
    ),
  ];
}

const STEP_ORDER = [
  "check",
  "render",
  "index",
  "full",
  "rebuild",
  "rebuildAdd",
  "rebuildDelete",
  "baselineRender",
  "baselineIndex",
  "baselineFull",
];

const growth = (after: number, before: number, n2: number, n1: number) =>
  Math.log(after / before) / Math.log(n2 / n1);

/**
 * The full build's time and peak memory by size, smallest first, each with its growth exponent
 * from the size before (1 grows as the board does); undefined for fewer than two sizes.
 */
export function scaleOf(sizes: readonly SizeResult[]): ScaleResult | undefined {
  const measured = [...sizes]
    .map((size) => ({ notices: size.notices, full: size.steps["full"] }))
    .sort((a, b) => a.notices - b.notices);
  if (measured.length < 2) return undefined;
  const rows = measured.map(({ notices, full }, i): ScaleRow => {
    const fullMs = full?.medianMs ?? Number.NaN;
    const fullPeakBytes = full?.medianPeakBytes ?? Number.NaN;
    const row = {
      notices,
      fullMs,
      fullPeakBytes,
      peakBytesPer1000: (fullPeakBytes / notices) * 1000,
    };
    const previous = measured[i - 1];
    if (previous === undefined || previous.notices === notices) return row;
    const before = previous.full;
    return {
      ...row,
      memoryExponent: growth(
        fullPeakBytes,
        before?.medianPeakBytes ?? Number.NaN,
        notices,
        previous.notices,
      ),
      timeExponent: growth(fullMs, before?.medianMs ?? Number.NaN, notices, previous.notices),
    };
  });
  const exponents = rows.flatMap((row) =>
    row.memoryExponent === undefined ? [] : [row.memoryExponent],
  );
  return {
    rows,
    target: {
      target: "memory grows slower than the board (exponent < 1 between each pair of sizes)",
      measured: exponents.map((e) => e.toFixed(2)).join(", "),
      pass: exponents.length > 0 && exponents.every((e) => e < 1),
    },
  };
}

const result = (pass: boolean | null) =>
  pass === null ? "not judged" : pass ? "pass" : "**FAIL**";

/** The Scale section: one row per size, then its target. */
function scaleLines(scale: ScaleResult): string[] {
  const exponent = (value: number | undefined) => (value === undefined ? "" : value.toFixed(2));
  return [
    "",
    "## Scale",
    "",
    "The full build by size; the exponents are those of growth from the size before: log(peak2 / peak1) / log(n2 / n1) for memory, and the same of time (1 is growth in step with the board).",
    "",
    "| notices | full build | peak memory | peak per 1,000 notices | memory exponent | time exponent |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ...scale.rows.map(
      (row) =>
        `| ${count(row.notices)} | ${seconds(row.fullMs)} | ${mib(row.fullPeakBytes)} | ${mib(row.peakBytesPer1000)} | ${exponent(row.memoryExponent)} | ${exponent(row.timeExponent)} |`,
    ),
    "",
    "| target | measured | result |",
    "| --- | --- | --- |",
    `| ${scale.target.target} | ${scale.target.measured} | ${result(scale.target.pass)} |`,
  ];
}

/** The results as Markdown: per size, a table of steps, then the targets with pass / fail. */
export function formatMarkdown(bench: BenchResult): string {
  const lines = [
    `# Sosik benchmark`,
    "",
    `${bench.date.slice(0, 10)} · ${String(bench.machine.cpus)} × ${bench.machine.cpu} · ${mib(bench.machine.memoryBytes)} · Node ${bench.machine.node} · median of ${String(bench.runs)} runs, seed ${String(bench.seed)}${bench.pathPrefix === "/" ? "" : `, Sosik built under the path prefix ${bench.pathPrefix}`}.`,
    "Time is wall-clock time; CPU time is user + system time of the command's process tree (GNU time).",
    "Peak memory is the summed RSS of the command's whole process tree, sampled every 50 ms.",
  ];
  for (const size of bench.sizes) {
    const c = size.corpus;
    lines.push(
      "",
      `## ${count(size.notices)} notices`,
      "",
      `Corpus: ${count(c.ko)} Korean, ${count(c.en)} English (${count(c.pairs)} translated pairs), ${count(c.drafts)} drafts, ${count(c.attachments)} attachments, ${count(c.bodyCharacters)} body characters${c.medianBodyWords === undefined ? "" : ` (median ${count(c.medianBodyWords)} words a notice)`}, ${c.firstDay} to ${c.lastDay}.`,
      "",
      "| step | time | CPU time | peak memory | note |",
      "| --- | ---: | ---: | ---: | --- |",
    );
    for (const key of STEP_ORDER) {
      const step = size.steps[key];
      if (!step) continue;
      const cpu = step.medianCpuMs === undefined ? "n/a" : seconds(step.medianCpuMs);
      lines.push(
        `| ${step.label} | ${seconds(step.medianMs)} | ${cpu} | ${mib(step.medianPeakBytes)} | ${step.note ?? ""} |`,
      );
    }
    if (size.notRun && size.notRun.length > 0) {
      lines.push(
        "",
        `Not run at ${count(size.notices)} notices:`,
        "",
        ...size.notRun.map((why) => `- ${why}`),
      );
    }
    const baselineIndex =
      size.steps["baselineIndex"] === undefined
        ? "none over the baseline's (not run)"
        : `over the baseline's ${mib(size.baselineIndexBytes)}`;
    lines.push(
      "",
      `Output ${mib(size.outputBytes)}; Pagefind index over Sosik's pages ${mib(size.indexBytes)}, ${baselineIndex}. ` +
        `Notice pages: ${count(size.weight.noticePages)}, median ${(size.weight.medianBytes / 1000).toFixed(1)} kB gzip with CSS, heaviest ${(size.weight.maxBytes / 1000).toFixed(1)} kB (${size.weight.heaviest}). ` +
        `Photos (largest AVIF of each, apart from the page): ${count(size.weight.photos.pages)} pages with photos, median ${(size.weight.photos.medianBytes / 1000).toFixed(1)} kB, heaviest ${(size.weight.photos.maxBytes / 1000).toFixed(1)} kB.`,
      ...(size.preview
        ? [
            "",
            `Preview (\`npm start\`): search index complete ${seconds(size.preview.startupMs)} after start; edits (time until the page shows it / until its search shard is updated): ${size.preview.edits.map((e) => `${e.notice} ${seconds(e.pageMs)} / ${seconds(e.searchMs)}`).join("; ")}.`,
          ]
        : []),
      "",
      "| target | measured | result |",
      "| --- | --- | --- |",
    );
    for (const target of size.targets) {
      lines.push(`| ${target.target} | ${target.measured} | ${result(target.pass)} |`);
    }
    if (size.search && size.search.length > 0) {
      lines.push(
        "",
        "Search in both orders (the targets judge the default; relevance is shown for reference). " +
          "Newest first shows its first page from the newest shards, then searches the older ones for the final count.",
        "",
        ...searchRows(size.search),
      );
    }
    if (size.searchQuality) lines.push("", ...searchQualityRows(size.searchQuality));
  }
  const scale = scaleOf(bench.sizes);
  if (scale) lines.push(...scaleLines(scale));
  lines.push(
    "",
    "Ratios to the baseline are the median of each round's ratio (both ran in the same round, on the same machine load).",
    `The issue sets the targets at 10,000 notices, and limits of its own at 100,000: sizes above ${count(LARGE_NOTICES)} are judged on those (cold full build, peak memory, search) without the baseline's Pagefind, and every other size is shown against the 10,000-notice targets for reference.`,
    "",
  );
  return lines.join("\n");
}
