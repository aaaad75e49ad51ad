/**
 * `npm run bench -- --import-rows 10000` (or `tsx bench/import.ts [rows]`): times `npm run import`
 * of a CSV export of `rows` realistic notices (the bench corpus, with HTML bodies, Korean dates
 * and view counts written as boards export them) into a fresh content folder, then checks it.
 */
import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCorpus } from "./corpus.ts";
import type { CorpusNotice } from "./corpus.ts";
import { measure } from "./measure.ts";
import type { Sample } from "./measure.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The import's time and what it wrote. */
export interface ImportBench {
  readonly rows: number;
  readonly csvBytes: number;
  readonly import: Sample;
  readonly check: Sample;
  readonly written: number;
}

/** One CSV field, quoted as Excel and board software quote them. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A corpus notice as a row of a Korean board's export: HTML body, `2018.07.23`, `16,869`. */
function exportRow(notice: CorpusNotice, index: number): string {
  const html = notice.body
    .trim()
    .split(/\n\n+/)
    .map((block) => `<p>${block.replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>')}</p>`)
    .join("");
  return [
    String(index + 1),
    notice.title,
    notice.day.replace(/-/g, "."),
    notice.readCount.toLocaleString("en"),
    html,
    `https://www.example.go.kr/bbs/view.do?bbsId=BBSMSTR_000000000008&nttId=${String(100000 + index)}`,
  ]
    .map(field)
    .join(",");
}

/** Writes the export, imports it into a new content folder and checks the result. */
export async function benchImport(rows: number, seed: number): Promise<ImportBench> {
  const dir = await mkdtemp(join(tmpdir(), "sosik-bench-import-"));
  try {
    const ministries = Object.keys(
      JSON.parse(readFileSync(join(ROOT, "content/_data/ministries.json"), "utf8")) as object,
    );
    const corpus = generateCorpus(rows, seed, ministries);
    const csv = `\uFEFF번호,제목,등록일,조회수,내용,링크\r\n${corpus.map(exportRow).join("\r\n")}\r\n`;
    const file = join(dir, "export.csv");
    await writeFile(file, csv);
    const content = join(dir, "content");
    await cp(join(ROOT, "content/_data"), join(content, "_data"), { recursive: true });
    const tsx = (script: string, args: readonly string[]) => ({
      file: process.execPath,
      args: ["--import", "tsx", join(ROOT, script), ...args],
      cwd: ROOT,
    });
    const imported = await measure(
      tsx("src/cli/import.ts", ["--from", file, "--lang", "ko", "--content", content]),
    );
    const check = await measure(tsx("src/cli/check.ts", ["--content", content]));
    const written = (await readdir(join(content, "ko/notices"))).length;
    return { rows, csvBytes: Buffer.byteLength(csv), import: imported, check, written };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One line of results, for the bench's log. */
export function formatImportBench(result: ImportBench): string {
  const seconds = (sample: Sample) => `${(sample.milliseconds / 1000).toFixed(2)} s`;
  const mib = (sample: Sample) => `${(sample.peakBytes / 1024 ** 2).toFixed(0)} MiB`;
  return `import of ${result.rows.toLocaleString("en")} CSV rows (${(result.csvBytes / 1024 ** 2).toFixed(1)} MiB): ${seconds(result.import)}, ${mib(result.import)}; ${result.written.toLocaleString("en")} notices written; npm run check of them: ${seconds(result.check)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = Number(process.argv[2] ?? "10000");
  console.log(formatImportBench(await benchImport(rows, 20260101)));
}
