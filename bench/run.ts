/**
 * `npm run bench [-- --notices 1000,10000] [--runs N] [--seed N] [--path-prefix /name/] [--keep] [--large]`
 *
 * Generates a deterministic corpus for each size, then measures Sosik (check, render, index,
 * cold full build, warm publish after editing, adding and deleting one notice) and the baseline
 * (minimal Eleventy + Pagefind CLI) on it, in rounds so both see the same machine load. Sizes
 * above 30,000 need `--large`; above 40,000 the steps that cannot run there are left out
 * (`stepsNotRun` in bench/report.ts). Writes Markdown and JSON to bench/results/.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeBaselineSite } from "./baseline.ts";
import { benchImport, formatImportBench } from "./import.ts";
import { generateCorpus, medianBodyWords, noticeSource, writeSosikContent } from "./corpus.ts";
import type { CorpusNotice } from "./corpus.ts";
import { measure, median } from "./measure.ts";
import type { Command, Sample } from "./measure.ts";
import { LARGE_NOTICES, formatMarkdown, scaleOf, stepsNotRun, targetsOf } from "./report.ts";
import type { BenchResult, SizeResult, StepResult } from "./report.ts";
import { measurePreview } from "./preview.ts";
import { canMeasureSearch, measureSearch } from "./search.ts";
import { measureSearchQuality } from "./search-quality.ts";
import type { SearchResult } from "./search.ts";
import type { PreviewResult } from "./preview.ts";
import { measurePageWeight } from "./weight.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const NODE = process.execPath;
/** Every build counts this instant as now (2026-01-01 UTC), so the corpus is all published. */
const SOURCE_DATE_EPOCH = "1767225600";
/**
 * How the bench asks a Sosik build to skip its search index, to time rendering alone
 * (src/plugins/search-index.ts honours it). The bench checks that no index was written.
 */
const RENDER_ONLY = "--render-only";
/** Most notices the preview is measured at (its target is set at 10,000). */
const PREVIEW_MOST = 10_000;
/** Sizes above this take long enough, and memory enough, to be run only when asked for. */
const MOST_WITHOUT_LARGE = 30_000;
const USAGE =
  "usage: npm run bench -- [--notices 1000,10000] [--runs 3] [--seed N] [--path-prefix /name/] [--keep] [--large] (--large: sizes above 30,000)";

const { values } = parseArgs({
  options: {
    notices: { type: "string", default: "1000" },
    runs: { type: "string", default: "3" },
    seed: { type: "string", default: "20260101" },
    "path-prefix": { type: "string", default: "/" },
    keep: { type: "boolean", default: false },
    large: { type: "boolean", default: false },
    "import-rows": { type: "string" },
  },
  strict: true,
  allowPositionals: false,
});
const sizes = values.notices.split(",").map((part) => Number(part.trim().replace(/_/g, "")));
const runs = Number(values.runs);
const seed = Number(values.seed);
/** Sosik's builds run under this path prefix (GitHub Pages project sites use one). */
const pathPrefix = values["path-prefix"];
if (
  sizes.some((n) => !Number.isInteger(n) || n < 2) ||
  !Number.isInteger(runs) ||
  runs < 1 ||
  !/^\/([A-Za-z0-9._~-]+\/)*$/.test(pathPrefix)
) {
  console.error(USAGE);
  process.exit(2);
}
const tooLarge = sizes.filter((n) => n > MOST_WITHOUT_LARGE);
if (tooLarge.length > 0 && !values.large) {
  console.error(
    `--notices ${tooLarge.map(String).join(",")}: sizes above ${MOST_WITHOUT_LARGE.toLocaleString("en")} need --large`,
  );
  console.error(USAGE);
  process.exit(2);
}
// `--import-rows 10000` times `npm run import` of a CSV export instead (bench/import.ts).
if (values["import-rows"] !== undefined) {
  console.log(formatImportBench(await benchImport(Number(values["import-rows"]), seed)));
  process.exit(0);
}

const log = (message: string) => {
  process.stderr.write(`${message}\n`);
};

function tsx(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Command {
  return {
    file: NODE,
    args: ["--import", "tsx", join(ROOT, script), ...args],
    cwd: ROOT,
    env: { SOURCE_DATE_EPOCH, ...env },
  };
}

function pagefind(site: string): Command {
  return {
    file: NODE,
    args: [join(ROOT, "node_modules/pagefind/lib/runner/bin.cjs"), "--site", site],
    cwd: ROOT,
  };
}

/** True when a built-in Pagefind index was written anywhere in `outputDir`. */
function hasSearchIndex(outputDir: string): boolean {
  return readdirSync(outputDir, { recursive: true, encoding: "utf8" }).some((file) =>
    file.endsWith("pagefind-entry.json"),
  );
}

function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).reduce((sum, file) => {
    const stats = statSync(join(dir, file));
    return stats.isFile() ? sum + stats.size : sum;
  }, 0);
}

/**
 * Bytes of the Korean index files below `dir`: Pagefind names a language's metadata, word
 * index chunks and fragments after it (`pagefind.ko_*.pf_meta`, `ko_*.pf_index`,
 * `ko_*.pf_fragment`), in Sosik's shards as in one plain index. Scripts and WebAssembly,
 * which every shard carries, are not index.
 */
function koreanIndexBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).reduce((sum, file) => {
    if (!/(^|\/)(pagefind\.)?ko_[^/]*\.pf_(meta|index|fragment)$/.test(file)) return sum;
    return sum + statSync(join(dir, file)).size;
  }, 0);
}

function summarise(label: string, samples: readonly Sample[], note?: string): StepResult {
  return {
    label,
    runs: samples.length,
    medianMs: median(samples.map((s) => s.milliseconds)),
    medianPeakBytes: median(samples.map((s) => s.peakBytes)),
    ...(samples.every((s) => s.cpuMs !== undefined)
      ? { medianCpuMs: median(samples.map((s) => s.cpuMs ?? 0)) }
      : {}),
    samples: samples.map((s) => ({
      ms: Math.round(s.milliseconds),
      peakBytes: s.peakBytes,
      ...(s.cpuMs === undefined ? {} : { cpuMs: Math.round(s.cpuMs) }),
    })),
    ...(note ? { note } : {}),
  };
}

/** A step whose figures are the sum of two steps run one after the other. */
function sequence(label: string, first: StepResult, second: StepResult, note: string): StepResult {
  return {
    label,
    runs: Math.min(first.runs, second.runs),
    medianMs: first.medianMs + second.medianMs,
    medianPeakBytes: Math.max(first.medianPeakBytes, second.medianPeakBytes),
    ...(first.medianCpuMs !== undefined && second.medianCpuMs !== undefined
      ? { medianCpuMs: first.medianCpuMs + second.medianCpuMs }
      : {}),
    samples: [],
    note,
  };
}

async function benchSize(count: number, workDir: string): Promise<SizeResult> {
  const large = count > LARGE_NOTICES;
  const dir = join(workDir, String(count));
  const content = join(dir, "content");
  const baseline = join(dir, "baseline");
  const fullOut = join(dir, "out-full");
  const renderOut = join(dir, "out-render");
  log(`\n${count.toLocaleString("en")} notices: generating the corpus in ${dir}`);
  const ministries = Object.keys(
    JSON.parse(readFileSync(join(ROOT, "content/_data/ministries.json"), "utf8")) as object,
  );
  const corpus = generateCorpus(count, seed, ministries);
  await writeSosikContent(corpus, content, join(ROOT, "content/_data"));
  await writeBaselineSite(corpus, baseline);

  const hasCheckCli = existsSync(join(ROOT, "src/cli/check.ts"));
  const check = hasCheckCli
    ? tsx("src/cli/check.ts", ["--content", content])
    : tsx("bench/load-content.ts", [content]);
  const build = (output: string, extra: readonly string[] = []) =>
    tsx("src/cli/build.ts", [
      "--content",
      content,
      "--output",
      output,
      "--path-prefix",
      pathPrefix,
      ...extra,
    ]);
  const eleventy: Command = {
    file: NODE,
    args: [
      join(ROOT, "node_modules/@11ty/eleventy/cmd.cjs"),
      "--config=eleventy.config.mjs",
      "--quiet",
    ],
    cwd: baseline,
  };
  const edited = corpus
    .filter((n) => n.lang === "ko" && !n.draft)
    .sort((a, b) => (a.day < b.day ? 1 : -1))[0];
  if (!edited) throw new Error("the corpus has no Korean notice to edit");
  const editedPath = join(content, "ko", "notices", `${edited.slug}.md`);
  const editedSource = await readFile(editedPath, "utf8");
  // The added notice is the newest Korean one again under a new title and slug on its day, so it
  // lands where a new notice does (the first list pages, the newest search shard). Its
  // attachments are left out: a new notice brings files of its own, not another's.
  const added: CorpusNotice = {
    ...edited,
    slug: `${edited.day}-added-by-the-bench`,
    title: `${edited.title} (추가 공지)`,
    attachments: [],
  };
  const addedPath = join(content, "ko", "notices", `${added.slug}.md`);
  if (existsSync(addedPath)) throw new Error(`the corpus already has ${addedPath}`);
  // The bench checks that the warm builds did publish the addition and the deletion.
  const addedPage = join(fullOut, "ko", "notices", added.slug, "index.html");

  await measure(check); // warm the file cache and tsx's compile cache; not counted
  const samples: Record<string, Sample[]> = {
    check: [],
    baselineRender: [],
    baselineIndex: [],
    full: [],
    rebuild: [],
    rebuildAdd: [],
    rebuildDelete: [],
    render: [],
    index: [],
  };
  let builtInIndex: boolean | undefined;
  let renderOnlyHonoured = true;
  let indexSite = fullOut;
  const step = async (key: string, label: string, command: Command) => {
    const sample = await measure(command);
    samples[key]?.push(sample);
    const cpu = sample.cpuMs === undefined ? "" : ` (CPU ${(sample.cpuMs / 1000).toFixed(2)} s)`;
    log(
      `  ${label}: ${(sample.milliseconds / 1000).toFixed(2)} s${cpu}, ${(sample.peakBytes / 1024 ** 2).toFixed(0)} MiB`,
    );
  };

  for (let round = 1; round <= runs; round++) {
    log(` round ${String(round)}/${String(runs)}`);
    await step("check", "check", check);

    await rm(join(baseline, "_site"), { recursive: true, force: true });
    await step("baselineRender", "baseline Eleventy", eleventy);
    if (!large) {
      await step("baselineIndex", "baseline Pagefind CLI", pagefind(join(baseline, "_site")));
    }

    // Cold: the output (a link to the published version) goes first, so nothing is kept.
    await rm(fullOut, { recursive: true, force: true });
    await step("full", "full build", build(fullOut));
    builtInIndex ??= hasSearchIndex(fullOut);
    if (large && !builtInIndex) {
      throw new Error(
        `a build that writes no search index cannot be benched above ${String(LARGE_NOTICES)} notices`,
      );
    }

    // Warm from here on: each build publishes into the output that holds the previous version.
    await writeFile(editedPath, `${editedSource}\nEdited in round ${String(round)}.\n`);
    await step("rebuild", "rebuild after one edit", build(fullOut));
    await writeFile(editedPath, editedSource);
    await writeFile(addedPath, noticeSource(added));
    await step("rebuildAdd", "publish after adding one notice", build(fullOut));
    if (!existsSync(addedPage)) throw new Error(`the warm build did not publish ${addedPage}`);
    await rm(addedPath);
    await step("rebuildDelete", "publish after deleting one notice", build(fullOut));
    if (existsSync(addedPage)) throw new Error(`the warm build kept the deleted ${addedPage}`);

    if (large) continue;
    if (builtInIndex) {
      await rm(renderOut, { recursive: true, force: true });
      await step("render", "render only", build(renderOut, [RENDER_ONLY]));
      if (hasSearchIndex(renderOut)) renderOnlyHonoured = false;
      indexSite = renderOut;
    }
    await rm(join(indexSite, "pagefind"), { recursive: true, force: true });
    if (builtInIndex) {
      await step(
        "index",
        "index only (Sosik's sharded indexing)",
        tsx("bench/index-only.ts", [indexSite]),
      );
    } else {
      await step("index", "index only (Pagefind CLI)", pagefind(indexSite));
    }
  }

  const steps: Record<string, StepResult> = {};
  steps["check"] = summarise(
    "content check",
    samples["check"] ?? [],
    hasCheckCli
      ? undefined
      : "src/cli/check.ts not there yet: loadContent through bench/load-content.ts",
  );
  const index = large
    ? undefined
    : summarise(
        builtInIndex
          ? "index alone (the build's sharded indexing over rendered pages)"
          : "index alone (Pagefind CLI over our pages)",
        samples["index"] ?? [],
        builtInIndex ? "bench/index-only.ts: writeSearchIndex, every shard afresh" : undefined,
      );
  // A large size has no index alone, and its rounds made sure the build writes its own index.
  if (builtInIndex || index === undefined) {
    steps["full"] = summarise(
      "full build (validate + render + index)",
      samples["full"] ?? [],
      "cold: into a fresh output",
    );
    if (!large) {
      steps["render"] = summarise(
        "render alone",
        samples["render"] ?? [],
        renderOnlyHonoured
          ? `build with ${RENDER_ONLY}`
          : "the build ignored the skip-index switch: this includes indexing",
      );
    }
  } else {
    steps["render"] = summarise(
      "render alone (build CLI; it writes no search index yet)",
      samples["full"] ?? [],
    );
    steps["full"] = sequence(
      "full build (validate + render, then Pagefind CLI)",
      steps["render"],
      index,
      "the build writes no search index yet: its time plus the Pagefind CLI's, peak of the two",
    );
  }
  if (index) steps["index"] = index;
  const warm = "warm: unchanged pages and search shards are kept";
  steps["rebuild"] = summarise(
    "rebuild after editing one notice (production build)",
    samples["rebuild"] ?? [],
    warm,
  );
  steps["rebuildAdd"] = summarise(
    "publish after adding one notice",
    samples["rebuildAdd"] ?? [],
    `${warm}; it also publishes the edit undone`,
  );
  steps["rebuildDelete"] = summarise(
    "publish after deleting one notice",
    samples["rebuildDelete"] ?? [],
    `${warm}; it leaves the corpus's own site`,
  );
  steps["baselineRender"] = summarise(
    "baseline: minimal Eleventy 3",
    samples["baselineRender"] ?? [],
  );
  if (!large) {
    steps["baselineIndex"] = summarise("baseline: Pagefind CLI", samples["baselineIndex"] ?? []);
    steps["baselineFull"] = sequence(
      "baseline: Eleventy, then Pagefind CLI",
      steps["baselineRender"],
      steps["baselineIndex"],
      "sum of the two",
    );
  }

  let preview: PreviewResult | undefined;
  // The preview's target is set at 10,000 notices; above, its start-up alone takes minutes.
  if (!large && count > PREVIEW_MOST) {
    log(`  preview not measured above ${PREVIEW_MOST.toLocaleString("en")} notices`);
  } else if (!large) {
    log("  preview: npm start, then single edits");
    const published = corpus.filter((n) => !n.draft).sort((a, b) => (a.day < b.day ? 1 : -1));
    const newest = (lang: "ko" | "en") => published.find((n) => n.lang === lang);
    const middle = published.filter((n) => n.lang === "ko")[Math.floor(published.length / 4)];
    const previewEdits = [newest("ko"), middle, newest("en")]
      .filter((n) => n !== undefined)
      .map((n) => `${n.lang}/${n.slug}`);
    // A preview that fails is reported, and the other measurements of the size are kept.
    preview = await measurePreview(ROOT, content, previewEdits).catch((error: unknown) => {
      log(`  preview failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    for (const edit of preview?.edits ?? []) {
      log(
        `  ${edit.notice}: page ${(edit.pageMs / 1000).toFixed(2)} s, search ${(edit.searchMs / 1000).toFixed(2)} s`,
      );
    }
  }

  const weight = measurePageWeight(fullOut, pathPrefix);
  let search: SearchResult[] | undefined;
  if (builtInIndex && canMeasureSearch()) {
    log("  search in Chromium");
    search = await measureSearch(fullOut, runs, pathPrefix);
  }
  const searchQuality =
    !large && builtInIndex && canMeasureSearch()
      ? await measureSearchQuality(fullOut, pathPrefix)
      : undefined;
  const koreanIndex = {
    korean: koreanIndexBytes(join(indexSite, "pagefind")),
    baselineKorean: koreanIndexBytes(join(baseline, "_site", "pagefind")),
  };
  const result: SizeResult = {
    notices: count,
    corpus: describeCorpus(corpus),
    steps,
    weight,
    outputBytes: folderBytes(fullOut),
    indexBytes: folderBytes(join(indexSite, "pagefind")),
    baselineIndexBytes: folderBytes(join(baseline, "_site", "pagefind")),
    koreanIndexBytes: koreanIndex.korean,
    baselineKoreanIndexBytes: koreanIndex.baselineKorean,
    ...(search ? { search } : {}),
    ...(searchQuality ? { searchQuality } : {}),
    ...(preview ? { preview } : {}),
    ...(large ? { notRun: stepsNotRun(count, totalmem()) } : {}),
    targets: targetsOf({ notices: count, steps, weight, search, preview, index: koreanIndex }),
  };
  if (!values.keep) await rm(dir, { recursive: true, force: true });
  return result;
}

function describeCorpus(corpus: readonly CorpusNotice[]): SizeResult["corpus"] {
  const ko = corpus.filter((n) => n.lang === "ko");
  const enSlugs = new Set(corpus.filter((n) => n.lang === "en").map((n) => n.slug));
  const days = corpus.map((n) => n.day).sort();
  return {
    ko: ko.length,
    en: enSlugs.size,
    pairs: ko.filter((n) => enSlugs.has(n.slug)).length,
    drafts: corpus.filter((n) => n.draft).length,
    attachments: corpus.reduce((sum, n) => sum + n.attachments.length, 0),
    bodyCharacters: corpus.reduce((sum, n) => sum + n.body.length, 0),
    medianBodyWords: medianBodyWords(corpus),
    firstDay: days[0] ?? "",
    lastDay: days.at(-1) ?? "",
  };
}

const workDir = await mkdtemp(join(tmpdir(), "sosik-bench-"));
const results: SizeResult[] = [];
try {
  for (const count of sizes) results.push(await benchSize(count, workDir));
} finally {
  if (!values.keep) await rm(workDir, { recursive: true, force: true });
  else log(`kept ${workDir}`);
}

const cpu = cpus()[0];
const scale = scaleOf(results);
const bench: BenchResult = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpu: cpu?.model ?? "unknown",
    memoryBytes: totalmem(),
    node: process.version,
  },
  seed,
  runs,
  pathPrefix,
  sizes: results,
  ...(scale ? { scale } : {}),
};
const resultsDir = join(ROOT, "bench/results");
await mkdir(resultsDir, { recursive: true });
const name = `notices-${sizes.join("-")}${pathPrefix === "/" ? "" : "-prefixed"}`;
const markdown = formatMarkdown(bench);
await writeFile(join(resultsDir, `${name}.json`), `${JSON.stringify(bench, null, 2)}\n`);
await writeFile(join(resultsDir, `${name}.md`), markdown);
console.log(markdown);
log(`written bench/results/${name}.md and .json`);
