/** The bench's results: their JSON shape and their Markdown table. */
import { median } from "./measure.ts";
import type { PreviewResult } from "./preview.ts";
import type { SearchResult } from "./search.ts";
import { searchQualityRows } from "./search-quality.ts";
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
  readonly pass: boolean;
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
  readonly targets: readonly TargetResult[];
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
}

const GiB = 1024 ** 3;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

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

/** The issue's targets, judged on the measured steps, page weight and search. */
export function targetsOf(
  steps: Readonly<Record<string, StepResult>>,
  weight: PageWeight,
  search: readonly SearchResult[] | undefined,
  preview?: PreviewResult,
  index?: { readonly korean: number; readonly baselineKorean: number },
): TargetResult[] {
  const ms = (key: string) => steps[key]?.medianMs ?? Number.NaN;
  const full = ratio(steps, "full", "baselineFull");
  const rebuild = ratio(steps, "rebuild", "baselineFull");
  const render = ratio(steps, "render", "baselineRender");
  const fullPeak = steps["full"]?.medianPeakBytes ?? Number.NaN;
  const korean = index ? index.korean / index.baselineKorean : Number.NaN;
  return [
    {
      target: "cold full build <= 0.7x baseline (Eleventy + Pagefind CLI)",
      measured: describeRatio(steps, "full", "baselineFull", full.value, full.rounds),
      pass: full.value <= 0.7,
    },
    {
      target: "full build peak memory <= 1 GiB (all processes)",
      measured: `${(fullPeak / GiB).toFixed(2)} GiB`,
      pass: fullPeak <= GiB,
    },
    {
      target: "publish after editing one notice <= 0.1x baseline",
      measured: describeRatio(steps, "rebuild", "baselineFull", rebuild.value, rebuild.rounds),
      pass: rebuild.value <= 0.1,
    },
    ...(index
      ? [
          {
            target: "Korean index <= 1.2x plain Pagefind over the same pages",
            measured: `${korean.toFixed(2)}x (${(index.korean / 2 ** 20).toFixed(1)} MiB vs ${(index.baselineKorean / 2 ** 20).toFixed(1)} MiB)`,
            pass: korean <= 1.2,
          },
        ]
      : []),
    {
      target: "render alone <= 1.2x minimal Eleventy",
      measured: describeRatio(steps, "render", "baselineRender", render.value, render.rounds),
      pass: render.value <= 1.2,
    },
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
        target: `search "${query.query}" (${query.lang}): <= 150 kB transferred until the first results`,
        measured: `${(query.medianGzipBytes / 1000).toFixed(0)} kB gzipped (${(query.medianBytes / 1000).toFixed(0)} kB as served, ${String(query.requests)} requests, cold cache)`,
        pass: query.medianGzipBytes <= 150_000,
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

const STEP_ORDER = [
  "check",
  "render",
  "index",
  "full",
  "rebuild",
  "baselineRender",
  "baselineIndex",
  "baselineFull",
];

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const count = (n: number) => n.toLocaleString("en");

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
      const cpu = step.medianCpuMs === undefined ? "n/a" : secs(step.medianCpuMs);
      lines.push(
        `| ${step.label} | ${secs(step.medianMs)} | ${cpu} | ${mib(step.medianPeakBytes)} | ${step.note ?? ""} |`,
      );
    }
    lines.push(
      "",
      `Output ${mib(size.outputBytes)}; Pagefind index over Sosik's pages ${mib(size.indexBytes)}, over the baseline's ${mib(size.baselineIndexBytes)}. ` +
        `Notice pages: ${count(size.weight.noticePages)}, median ${(size.weight.medianBytes / 1000).toFixed(1)} kB gzip with CSS, heaviest ${(size.weight.maxBytes / 1000).toFixed(1)} kB (${size.weight.heaviest}). ` +
        `Photos (largest AVIF of each, apart from the page): ${count(size.weight.photos.pages)} pages with photos, median ${(size.weight.photos.medianBytes / 1000).toFixed(1)} kB, heaviest ${(size.weight.photos.maxBytes / 1000).toFixed(1)} kB.`,
      ...(size.preview
        ? [
            "",
            `Preview (\`npm start\`): search index complete ${secs(size.preview.startupMs)} after start; edits (time until the page shows it / until its search shard is updated): ${size.preview.edits.map((e) => `${e.notice} ${secs(e.pageMs)} / ${secs(e.searchMs)}`).join("; ")}.`,
          ]
        : []),
      "",
      "| target | measured | result |",
      "| --- | --- | --- |",
    );
    for (const target of size.targets) {
      lines.push(
        `| ${target.target} | ${target.measured} | ${target.pass ? "pass" : "**FAIL**"} |`,
      );
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
  lines.push(
    "",
    "Ratios to the baseline are the median of each round's ratio (both ran in the same round, on the same machine load).",
    "The issue sets the targets at 10,000 notices; smaller sizes are shown against the same limits for reference.",
    "",
  );
  return lines.join("\n");
}
