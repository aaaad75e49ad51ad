import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { validateWorkflow } from "@action-validator/core";
import { parse } from "yaml";
import { ROOT } from "../helpers/site.ts";

const WORKFLOWS = join(ROOT, ".github/workflows");

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}

interface Job {
  readonly needs?: string | readonly string[];
  readonly permissions?: Record<string, string>;
  readonly environment?: { readonly name?: string };
  readonly steps: readonly Step[];
}

interface Workflow {
  readonly on: Record<string, { readonly branches?: readonly string[] } | null>;
  readonly permissions?: Record<string, string>;
  readonly concurrency?: { readonly group?: string; readonly "cancel-in-progress"?: boolean };
  readonly jobs: Record<string, Job>;
}

function source(name: string): string {
  return readFileSync(join(WORKFLOWS, name), "utf8");
}

function workflow(name: string): Workflow {
  return parse(source(name)) as Workflow;
}

const steps = (flow: Workflow) => Object.values(flow.jobs).flatMap((job) => job.steps);
const runs = (flow: Workflow) => steps(flow).flatMap((step) => (step.run ? [step.run] : []));
const uses = (flow: Workflow, action: string) =>
  steps(flow).filter((step) => step.uses?.startsWith(`${action}@`));

/** Index of the first step whose command contains `command`, or -1. */
function stepIndex(flow: Workflow, command: string): number {
  return steps(flow).findIndex((step) => step.run?.includes(command));
}

describe("GitHub workflows", () => {
  const files = readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file));

  it("are exactly check.yml and publish.yml", () => {
    assert.deepEqual(files.sort(), ["check.yml", "publish.yml"]);
  });

  it("pass action-validator's schema check", () => {
    for (const file of files) {
      assert.deepEqual(validateWorkflow(source(file)).errors, [], `${file} should be valid`);
    }
  });

  it("would be caught by the validator if malformed", () => {
    // A job without runs-on, and a concurrency flag that is not a boolean.
    const broken = `on: push
jobs:
  build:
    concurrency:
      group: pages
      cancel-in-progress: maybe
    steps:
      - run: npm test
`;
    assert.ok(validateWorkflow(broken).errors.length > 0);
  });

  it("set up Node from .nvmrc with the npm cache, and install from the lock file", () => {
    assert.ok(existsSync(join(ROOT, ".nvmrc")));
    for (const file of files) {
      const flow = workflow(file);
      const setups = uses(flow, "actions/setup-node");
      assert.ok(setups.length > 0, `${file} should use actions/setup-node`);
      for (const setup of setups) {
        const options = setup.with ?? {};
        assert.equal(options["node-version-file"], ".nvmrc", `${file}: node-version-file`);
        assert.equal(options["cache"], "npm", `${file}: npm cache`);
      }
      assert.ok(stepIndex(flow, "npm ci") >= 0, `${file} should install with npm ci`);
    }
  });

  it("check pull requests: content, type check, lint, tests and a build", () => {
    const flow = workflow("check.yml");
    assert.ok("pull_request" in flow.on, "check.yml runs on pull requests");
    assert.equal(flow.permissions?.["contents"], "read");
    const order = ["npm ci", "npm run check", "npm test", "npm run build"].map((command) =>
      stepIndex(flow, command),
    );
    assert.ok(
      order.every((index) => index >= 0),
      `every command should run: ${String(order)}`,
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      "in that order",
    );
  });

  it("run only npm scripts that exist", () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    for (const file of files) {
      for (const run of runs(workflow(file))) {
        for (const match of run.matchAll(/npm run ([\w:-]+)/g)) {
          assert.ok(match[1] && match[1] in scripts, `${file}: npm run ${String(match[1])}`);
        }
      }
    }
    assert.ok("test" in scripts && "check" in scripts && "build" in scripts);
  });

  it("publish main to GitHub Pages only after the same checks pass, one deployment at a time", () => {
    const flow = workflow("publish.yml");
    assert.deepEqual(flow.on["push"]?.branches, ["main"]);
    assert.equal(flow.permissions?.["contents"], "read", "read-only unless a job needs more");
    assert.ok(flow.concurrency?.group, "a concurrency group");
    assert.equal(flow.concurrency["cancel-in-progress"], false, "a running deployment finishes");

    const build = flow.jobs["build"];
    const deploy = flow.jobs["deploy"];
    assert.ok(build && deploy, "a build job and a deploy job");
    const commands = ["npm run check", "npm test", "npm run build"].map((c) => stepIndex(flow, c));
    assert.ok(commands.every((index) => index >= 0));
    assert.deepEqual(
      [...commands].sort((a, b) => a - b),
      commands,
      "checks run before the build",
    );
    const buildStep = build.steps.find((step) => step.run?.includes("npm run build"));
    assert.match(buildStep?.run ?? "", /--base-url .+ --path-prefix /, "the Pages URL is used");

    // The last publish (output link and version store) is restored before the build and saved
    // after it, so the build is a warm one.
    const restore = uses(flow, "actions/cache/restore")[0];
    const save = uses(flow, "actions/cache/save")[0];
    for (const step of [restore, save]) {
      const path = step?.with?.["path"];
      const paths = typeof path === "string" ? path.trim().split("\n") : [];
      assert.deepEqual(paths, ["_site", "._site.sosik"], "the output and its version store");
    }
    const at = (step: (typeof build.steps)[number] | undefined) =>
      step ? build.steps.indexOf(step) : -1;
    const buildAt = at(buildStep);
    assert.ok(at(restore) >= 0 && at(restore) < buildAt && buildAt < at(save));

    assert.equal(uses(flow, "actions/configure-pages").length, 1);
    const upload = uses(flow, "actions/upload-pages-artifact")[0];
    assert.equal(upload?.with?.["path"], "_site/");
    assert.ok(build.steps.includes(upload), "the build job uploads the site");

    assert.equal(deploy.needs, "build");
    assert.deepEqual(deploy.permissions, { pages: "write", "id-token": "write" });
    assert.equal(deploy.environment?.name, "github-pages");
    assert.ok(deploy.steps.some((step) => step.uses?.startsWith("actions/deploy-pages@")));
  });
});
