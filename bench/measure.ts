/**
 * Runs a command as a child process and measures its wall time and the peak resident memory of
 * its whole process tree, sampled from /proc. Reading the tree matters: Pagefind's service and
 * binary run as children, and the kernel's reaped-child figure (/usr/bin/time) misses them.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";

/** One run of one command. */
export interface Sample {
  readonly milliseconds: number;
  /** Peak of the summed RSS of the process and its descendants. */
  readonly peakBytes: number;
  /** User + system CPU time of the process and its waited-for descendants, when GNU time is there. */
  readonly cpuMs?: number;
  readonly exitCode: number | null;
}

/** How to run one command. */
export interface Command {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Failure of a measured command: its exit code and the end of what it printed. */
export class CommandFailed extends Error {
  constructor(command: Command, code: number | null, output: string) {
    super(
      `${command.file} ${command.args.join(" ")} exited ${String(code)}:\n${output.slice(-3000)}`,
    );
    this.name = "CommandFailed";
  }
}

const PAGE_BYTES = 4096;
// GNU time reports the CPU time of a whole process tree (its rusage of children); on a machine
// shared with other work, CPU time is steadier than wall time. Optional: not every system has it.
const GNU_TIME = "/usr/bin/time";
const CPU_MARK = "SOSIK-BENCH-CPU";
const hasGnuTime = existsSync(GNU_TIME);
const SAMPLE_EVERY_MS = 50;

/** Parent pid and RSS in pages from /proc/<pid>/stat; the name field may hold spaces and ')'. */
function readStat(pid: string): { parent: number; rssPages: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined; // the process ended between listing and reading
  }
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // After the name: state(0) ppid(1) ... rss is field 24 of the whole line, 21 here.
  return { parent: Number(fields[1]), rssPages: Number(fields[21]) };
}

/** Summed RSS of `root` and every descendant, in bytes. */
export function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(name);
    if (!stat) continue;
    const pid = Number(name);
    rss.set(pid, stat.rssPages);
    const siblings = children.get(stat.parent);
    if (siblings) siblings.push(pid);
    else children.set(stat.parent, [pid]);
  }
  let total = 0;
  const queue = [root];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    total += (rss.get(pid) ?? 0) * PAGE_BYTES;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Runs `command` once; rejects with CommandFailed on a non-zero exit. */
export function measure(command: Command): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const [file, args] = hasGnuTime
      ? [GNU_TIME, ["-f", `${CPU_MARK} %U %S`, command.file, ...command.args]]
      : [command.file, [...command.args]];
    const child = spawn(file, args, {
      cwd: command.cwd,
      env: { ...process.env, ...command.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let peak = 0;
    const sample = () => {
      if (child.pid !== undefined) peak = Math.max(peak, treeRss(child.pid));
    };
    const timer = setInterval(sample, SAMPLE_EVERY_MS);
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    let milliseconds = 0;
    child.on("exit", () => {
      milliseconds = performance.now() - started;
      clearInterval(timer);
    });
    // "close" comes after the output is drained, so GNU time's last line is there.
    child.on("close", (code) => {
      if (code !== 0) reject(new CommandFailed(command, code, output));
      else resolve({ milliseconds, peakBytes: peak, exitCode: code, ...cpuOf(output) });
    });
  });
}

function cpuOf(output: string): { cpuMs?: number } {
  const match = new RegExp(`${CPU_MARK} ([\\d.]+) ([\\d.]+)`).exec(output);
  return match ? { cpuMs: (Number(match[1]) + Number(match[2])) * 1000 } : {};
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}
