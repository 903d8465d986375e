// Lints .github/workflows/pipelines.yml with actionlint (and shellcheck on its scripts, when installed).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { describe, expect, test } from "vitest";

const repo = resolve(import.meta.dirname, "../..");
const workflow = join(repo, ".github/workflows/pipelines.yml");
const INSTALL = "go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12 (or: bash scripts/setup.sh)";

function findActionlint(): string | undefined {
  const gopath = spawnSync("go", ["env", "GOPATH"], { encoding: "utf8" }).stdout?.trim() || join(homedir(), "go");
  const candidates = [
    process.env.ACTIONLINT,
    join(repo, ".cache/bin/actionlint"),
    join(gopath, "bin/actionlint"),
    ...(process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, "actionlint")),
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

describe(".github/workflows/pipelines.yml", () => {
  test("passes actionlint", () => {
    const bin = findActionlint();
    if (!bin) throw new Error(`actionlint not found (looked in $ACTIONLINT, .cache/bin, $(go env GOPATH)/bin, PATH); install it: ${INSTALL}`);
    const r = spawnSync(bin, ["-no-color", workflow], { cwd: repo, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  test("the merge step points at the reporter that exists", () => {
    const reporter = /--reporter=(\.\/harness\/report\/reporter\.ts)/.exec(readFileSync(workflow, "utf8"))?.[1];
    expect(reporter).toBeDefined();
    expect(existsSync(join(repo, reporter!))).toBe(true);
  });
});
