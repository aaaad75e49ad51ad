// What stands in the content folder where a notice, a data file or an attachment is expected
// may be no file at all: a named pipe (reading it waits forever), a socket, a folder, a device,
// a dangling or looping link, a link out of the content folder, a file nobody may read. Each
// must end `npm run check` and `npm run build` with a content error naming the path, never a
// hang or a stack trace; a folder that cannot be listed is the machine's problem (exit 4).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { closeSync, constants, openSync } from "node:fs";
import { chmod, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import type { Server } from "node:net";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  ROOT,
  makeContent,
  noticeFile,
  noticePair,
  readPage,
  runCli,
  tempDir,
} from "../helpers/site.ts";
import type { CommandResult } from "../helpers/site.ts";

/** Longer than a check or a failed build takes on this machine, short enough to fail a hang. */
const LIMIT_MS = 60_000;
const STACK_TRACE = /\n\s+at /;
const NOTICE = { title: '"A notice"', date: "2020-01-02", ministry: "MOIS" };

/** Named pipes made by the tests: opened for writing when a command hangs, to release it. */
const fifos: string[] = [];
const servers: Server[] = [];
after(() => {
  for (const server of servers) server.close();
});

function mkfifo(path: string): void {
  execFileSync("mkfifo", [path]);
  fifos.push(path);
}

async function listenOn(path: string): Promise<void> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, resolve);
  });
}

/**
 * Runs a command, failing when it is not done within LIMIT_MS. A command blocked on a named
 * pipe is then released (a writer opens and closes the pipe) so that it ends and the test
 * file does not hang the suite.
 */
async function bounded(what: string, run: Promise<CommandResult>): Promise<CommandResult> {
  let release: NodeJS.Timeout | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      release = setInterval(() => {
        for (const fifo of fifos) {
          try {
            closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
          } catch {
            // No reader waiting on this one.
          }
        }
      }, 50);
      reject(new Error(`${what} should end within ${String(LIMIT_MS / 1000)} s, not hang`));
    }, LIMIT_MS);
  });
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
    // Keep releasing until the command has ended, so no process outlives the test.
    await run.catch(() => undefined);
    clearInterval(release);
  }
}

/** `npm run check` and `npm run build` of `content`, each bounded in time. */
async function checkAndBuild(content: string, run = runCli) {
  const output = join(await tempDir("sosik-site-"), "_site");
  const check = await bounded("npm run check", run("check", ["--content", content]));
  const build = await bounded(
    "npm run build",
    run("build", ["--content", content, "--output", output]),
  );
  return { check, build };
}

/** Asserts that both commands refused the content with `lines`, with exit code `code`. */
function assertRefused(
  results: { check: CommandResult; build: CommandResult },
  code: number,
  lines: readonly string[],
): void {
  for (const [command, result] of Object.entries(results)) {
    const printed = `${result.stdout}\n${result.stderr}`;
    assert.equal(result.code, code, `npm run ${command} should exit ${String(code)}:\n${printed}`);
    for (const line of lines) {
      assert.ok(printed.includes(line), `npm run ${command} should print\n  ${line}\ngot\n${printed}`);
    }
    assert.doesNotMatch(printed, STACK_TRACE, `npm run ${command} should print no stack trace`);
    assert.doesNotMatch(printed, /this is a bug/, `npm run ${command} should not report a bug`);
  }
}

/** A content folder with a valid translated pair, and `en/notices/` and `_data/` paths in it. */
async function contentWithPair() {
  const content = await makeContent(noticePair("2020-01-01-valid", "A valid notice"));
  return { content, notices: join(content, "en", "notices"), data: join(content, "_data") };
}

/**
 * Runs a CLI script as root without root's right to read anything (CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH dropped), so that file permissions stop it as they stop an editor;
 * an unprivileged user runs it as it is. Undefined when neither is possible here.
 */
function unprivilegedRunner(): typeof runCli | undefined {
  if (process.getuid?.() !== 0) return runCli;
  try {
    execFileSync("setpriv", ["--bounding-set=-dac_override,-dac_read_search", "--", "true"]);
  } catch {
    return undefined;
  }
  return (script, args) =>
    new Promise((resolve, reject) => {
      const child = spawn(
        "setpriv",
        [
          "--bounding-set=-dac_override,-dac_read_search",
          "--",
          process.execPath,
          "--import",
          "tsx",
          join(ROOT, "src/cli", `${script}.ts`),
          ...args,
        ],
        { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => {
        resolve({ code, stdout, stderr });
      });
    });
}

describe("content paths that are not regular files", { timeout: 10 * LIMIT_MS }, () => {
  it("reports a named pipe as a notice without reading it", async () => {
    const { content, notices } = await contentWithPair();
    mkfifo(join(notices, "2020-01-02-pipe.md"));
    assertRefused(await checkAndBuild(content), 1, [
      "en/notices/2020-01-02-pipe.md: file: is a named pipe (FIFO), not a file",
    ]);
  });

  it("reports a socket as a notice", async () => {
    const { content, notices } = await contentWithPair();
    await listenOn(join(notices, "2020-01-02-socket.md"));
    assertRefused(await checkAndBuild(content), 1, [
      "en/notices/2020-01-02-socket.md: file: is a socket, not a file",
    ]);
  });

  it("reports a device as a notice", async (t) => {
    const { content, notices } = await contentWithPair();
    try {
      execFileSync("mknod", [join(notices, "2020-01-02-device.md"), "c", "1", "3"]);
    } catch {
      t.skip("mknod is not allowed here (it needs root), so no device can be made");
      return;
    }
    assertRefused(await checkAndBuild(content), 1, [
      "en/notices/2020-01-02-device.md: file: is a device, not a file",
    ]);
  });

  it("reports a folder named like a notice instead of skipping it", async () => {
    const { content, notices } = await contentWithPair();
    await mkdir(join(notices, "2020-01-02-folder.md"));
    assertRefused(await checkAndBuild(content), 1, [
      "en/notices/2020-01-02-folder.md: file: is a folder, not a file",
    ]);
  });

  it("reports dangling, looping and folder links as notices", async () => {
    const { content, notices } = await contentWithPair();
    await mkdir(join(notices, "attachments"));
    await symlink("2020-01-02-nowhere-target.md", join(notices, "2020-01-02-dangling.md"));
    await symlink("2020-01-02-loop-b.md", join(notices, "2020-01-02-loop-a.md"));
    await symlink("2020-01-02-loop-a.md", join(notices, "2020-01-02-loop-b.md"));
    await symlink("attachments", join(notices, "2020-01-02-to-folder.md"));
    assertRefused(await checkAndBuild(content), 1, [
      "en/notices/2020-01-02-dangling.md: file: is a link to 2020-01-02-nowhere-target.md, which does not exist",
      "en/notices/2020-01-02-loop-a.md: file: is a link that leads back to itself (a loop), not a file",
      "en/notices/2020-01-02-loop-b.md: file: is a link that leads back to itself (a loop), not a file",
      "en/notices/2020-01-02-to-folder.md: file: is a link to a folder, not a file",
    ]);
  });

  it("refuses a notice that links outside the content folder", async () => {
    const { content, notices } = await contentWithPair();
    const outside = join(await tempDir(), "2020-01-02-outside.md");
    await writeFile(outside, noticeFile(NOTICE));
    await symlink(outside, join(notices, "2020-01-02-outside.md"));
    assertRefused(await checkAndBuild(content), 1, [
      `en/notices/2020-01-02-outside.md: file: is a link to ${outside}, outside the content folder`,
    ]);
  });

  it("reports data files that are a named pipe or a dangling link", async () => {
    const { content, data } = await contentWithPair();
    mkfifo(join(data, "readCounts.json"));
    await rm(join(data, "site.json"));
    await symlink("gone.json", join(data, "site.json"));
    assertRefused(await checkAndBuild(content), 1, [
      "_data/readCounts.json: file: is a named pipe (FIFO), not a file",
      "_data/site.json: file: is a link to gone.json, which does not exist",
    ]);
  });

  it("reports attachments that are a named pipe, a socket, a folder or a link outside", async () => {
    const { content, notices } = await contentWithPair();
    const files = join(notices, "files");
    await mkdir(join(files, "folder.pdf"), { recursive: true });
    mkfifo(join(files, "pipe.pdf"));
    await listenOn(join(files, "socket.pdf"));
    await symlink("/etc/passwd", join(files, "passwd.txt"));
    const attachments = ["pipe.pdf", "socket.pdf", "folder.pdf", "passwd.txt"]
      .map((name) => `\n  - file: files/${name}\n    title: ${name}`)
      .join("");
    await writeFile(
      join(notices, "2020-01-02-attached.md"),
      noticeFile({ ...NOTICE, attachments }),
    );
    const file = "en/notices/2020-01-02-attached.md";
    assertRefused(await checkAndBuild(content), 1, [
      `${file}:6: attachments.0.file: "files/pipe.pdf" is a named pipe (FIFO), not a file`,
      `${file}:8: attachments.1.file: "files/socket.pdf" is a socket, not a file`,
      `${file}:10: attachments.2.file: "files/folder.pdf" is a folder, not a file`,
      `${file}:12: attachments.3.file: "files/passwd.txt" is a link to /etc/passwd, outside the content folder`,
    ]);
  });

  it("lists every problem at once, with the valid notices still checked", async () => {
    const { content, notices, data } = await contentWithPair();
    mkfifo(join(notices, "2020-01-02-pipe.md"));
    mkfifo(join(data, "readCounts.json"));
    await mkdir(join(notices, "2020-01-03-folder.md"));
    await symlink("missing.md", join(notices, "2020-01-04-dangling.md"));
    await writeFile(join(notices, "2020-01-05-bad-date.md"), noticeFile({ ...NOTICE, date: "soon" }));
    const results = await checkAndBuild(content);
    assertRefused(results, 1, [
      "en/notices/2020-01-02-pipe.md: file: is a named pipe (FIFO), not a file",
      "_data/readCounts.json: file: is a named pipe (FIFO), not a file",
      "en/notices/2020-01-03-folder.md: file: is a folder, not a file",
      "en/notices/2020-01-04-dangling.md: file: is a link to missing.md, which does not exist",
      "en/notices/2020-01-05-bad-date.md:3: date: expected a date",
    ]);
    assert.match(results.check.stdout, /Checked 2 valid notices in .*: 5 errors/);
  });
});

describe("links inside the content folder", { timeout: 5 * LIMIT_MS }, () => {
  it("reads a linked notice and attachment as the files they lead to", async () => {
    const { content, notices } = await contentWithPair();
    const shared = join(content, "shared");
    await mkdir(join(shared, "files"), { recursive: true });
    await writeFile(join(shared, "files", "plan.pdf"), "%PDF-1.4 plan");
    await mkdir(join(notices, "files"));
    await symlink("../../../shared/files/plan.pdf", join(notices, "files", "plan.pdf"));
    const attachments = "\n  - file: files/plan.pdf\n    title: Plan";
    await writeFile(
      join(shared, "linked-notice.txt"),
      noticeFile({ ...NOTICE, title: '"A linked notice"', attachments }),
    );
    await symlink("../../shared/linked-notice.txt", join(notices, "2020-01-02-linked.md"));
    const output = join(await tempDir("sosik-site-"), "_site");
    const build = await bounded(
      "npm run build",
      runCli("build", ["--content", content, "--output", output]),
    );
    assert.equal(build.code, 0, `a linked notice inside the content folder should build:\n${build.stderr}`);
    const $ = await readPage(output, "/en/notices/2020-01-02-linked/");
    assert.match($("h1, h2").text(), /A linked notice/, "the linked notice should be published");
    assert.equal(
      await readFile(join(output, "en/notices/2020-01-02-linked/plan.pdf"), "utf8"),
      "%PDF-1.4 plan",
      "the linked attachment should be published with the bytes of the file it leads to",
    );
  });
});

describe("files and folders nobody may read", { timeout: 5 * LIMIT_MS }, () => {
  const runner = unprivilegedRunner();
  const skip = runner ? false : "setpriv cannot drop root's right to read every file here";

  it("reports an unreadable notice as a content error", { skip }, async () => {
    const { content, notices } = await contentWithPair();
    const path = join(notices, "2020-01-02-locked.md");
    await writeFile(path, noticeFile(NOTICE));
    await chmod(path, 0o000);
    try {
      assertRefused(await checkAndBuild(content, runner), 1, [
        "en/notices/2020-01-02-locked.md: file: cannot be read: permission denied",
      ]);
    } finally {
      await chmod(path, 0o644);
    }
  });

  it("ends with an environment error when a notices folder cannot be listed", { skip }, async () => {
    const { content, notices } = await contentWithPair();
    await chmod(notices, 0o000);
    try {
      const results = await checkAndBuild(content, runner);
      assertRefused(results, 4, [
        `cannot list a content folder: ${notices}: permission denied (EACCES)`,
      ]);
      for (const [command, result] of Object.entries(results)) {
        const errors = result.stderr.split("\n").filter((line) => line.startsWith("error: "));
        assert.equal(errors.length, 1, `npm run ${command} should print one error line:\n${result.stderr}`);
      }
    } finally {
      await chmod(notices, 0o755);
    }
  });
});

describe("a large read-count export", { timeout: 5 * LIMIT_MS }, () => {
  it("checks 200,000 unknown keys and lists only the first 20, then a count", async () => {
    const { content, data } = await contentWithPair();
    const counts: Record<string, number> = { "en/2020-01-01-valid": 5 };
    for (let index = 0; index < 200_000; index++) counts[`en/2019-01-01-gone-${String(index)}`] = index;
    await writeFile(
      join(data, "readCounts.json"),
      JSON.stringify({ updated: "2026-11-25", counts }, null, 2),
    );
    const result = await bounded("npm run check", runCli("check", ["--content", content]));
    assert.equal(result.code, 0, `unknown keys are warnings only:\n${result.stderr}`);
    const listed = result.stdout.split("\n").filter((line) => line.includes("counts.en/2019-"));
    assert.equal(listed.length, 20, "the first 20 unknown keys should be listed one by one");
    assert.match(
      listed[0] ?? "",
      /_data\/readCounts\.json:5: warning: counts\.en\/2019-01-01-gone-0: no notice has this lang\/slug/,
      "each listed key should carry its line",
    );
    assert.match(
      result.stdout,
      /_data\/readCounts\.json:25: warning: counts: 199,980 more keys from this line on name no notice either/,
      "the rest should be counted on one line",
    );
    assert.ok(
      result.stdout.split("\n").length < 100,
      `the report should stay short, got ${String(result.stdout.split("\n").length)} lines`,
    );
  });
});
