import assert from "node:assert/strict";
import { copyFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { EXIT, environmentError, reportedSystemError } from "../src/errors.ts";

/** A system error as Node throws it for a copy: the source as `path`, the target as `dest`. */
async function copyError(code: string): Promise<Error> {
  const dir = await mkdtemp(join(tmpdir(), "sosik-errors-"));
  // A real failed copy (the source is missing), given the code of the case under test.
  const error = await copyFile(join(dir, "missing.svg"), join(dir, "out.svg")).then(
    () => undefined,
    (thrown: unknown) => thrown as Error,
  );
  assert.ok(error, "the copy should fail");
  assert.equal((error as { dest?: string }).dest, join(dir, "out.svg"));
  return Object.assign(error, { code });
}

describe("environment failures", () => {
  it("name the target of a copy when the disk is full or read-only, and the source otherwise", async () => {
    for (const code of ["ENOSPC", "EDQUOT", "EROFS"]) {
      const error = await copyError(code);
      const made = environmentError(error, "cannot write the site");
      assert.ok(made);
      assert.equal(made.exitCode, EXIT.environment);
      assert.match(made.message, new RegExp(`out\\.svg: .*\\(${code}\\)$`), made.message);
    }
    const missing = environmentError(await copyError("ENOENT"), "cannot copy");
    assert.match(missing?.message ?? "", /missing\.svg: it does not exist/);
  });

  it("are read from another program's report of a system error by number", () => {
    const panic =
      "thread 'main' panicked at pagefind/src/output/mod.rs:464:36:\ncalled `Result::unwrap()` on an `Err` value: Os { code: 28, kind: StorageFull, message: \"No space left on device\" }";
    const full = reportedSystemError(panic, "/site/pagefind/en-2017.new");
    assert.ok(full);
    assert.match(
      environmentError(full, "cannot write the search index")?.message ?? "",
      /^cannot write the search index: \/site\/pagefind\/en-2017\.new: no space left on the device \(ENOSPC\)$/,
    );
    const readOnly = reportedSystemError("Read-only file system (os error 30)", "/x");
    assert.equal((readOnly as { code?: string } | undefined)?.code, "EROFS");
    assert.equal(reportedSystemError("error: invalid glob", "/x"), undefined);
    // A number that is no failure of the machine (EINVAL) is not taken for one.
    assert.equal(reportedSystemError("Invalid argument (os error 22)", "/x"), undefined);
  });
});
