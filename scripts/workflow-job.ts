// Runs one job of .github/workflows/pipelines.yml here, as GitHub would on a fresh runner: a clean
// clone of HEAD owned by a user who is not root, then the job's `run:` steps in order, with the
// matrix value substituted, each as that user (who needs sudo, as a runner has, and the docker group).
// `uses:` steps are reported, not run: checkout is the clone, setup-node the Node on PATH, the
// caches start empty, uploads are skipped.
//
//   npx tsx scripts/workflow-job.ts pipeline --matrix id=p01 --user runner
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { projectRoot } from "../harness/paths.js";

const NETWORK_ENV = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR", "PIP_CERT", "REQUESTS_CA_BUNDLE"];

interface Step {
  name?: string;
  uses?: string;
  run?: string;
}

function args(argv: string[]): { job: string; matrix: Record<string, string>; user: string } {
  const [job, ...rest] = argv;
  const matrix: Record<string, string> = {};
  let user = "";
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] === "--matrix") {
      const [k, v] = (rest[i + 1] ?? "").split("=");
      matrix[k!] = v ?? "";
    } else if (rest[i] === "--user") user = rest[i + 1] ?? "";
    else throw new Error(`unknown option ${rest[i]}`);
  }
  if (!job || !user) throw new Error("usage: npx tsx scripts/workflow-job.ts <job> [--matrix key=value]… --user <name>");
  return { job, matrix, user };
}

function main(): number {
  const { job, matrix, user } = args(process.argv.slice(2));
  if (user === "root") throw new Error("the job runs as a user who is not root");
  const groups = execFileSync("id", ["-nG", user], { encoding: "utf8" });
  if (!/\bdocker\b/.test(groups)) throw new Error(`${user} is not in the docker group (a runner's user is): usermod -aG docker ${user}`);
  const workflow = parse(readFileSync(join(projectRoot(), ".github", "workflows", "pipelines.yml"), "utf8")) as { jobs: Record<string, { steps: Step[] }> };
  const steps = workflow.jobs[job]?.steps;
  if (!steps) throw new Error(`no job ${job} (jobs: ${Object.keys(workflow.jobs).join(", ")})`);

  const home = execFileSync("getent", ["passwd", user], { encoding: "utf8" }).split(":")[5]!;
  const dir = mkdtempSync(join("/tmp", `workflow-${job}-`));
  execFileSync("git", ["clone", "--quiet", projectRoot(), dir]);
  const sha = execFileSync("git", ["-C", dir, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  execFileSync("chown", ["-R", `${user}:`, dir]);
  // The network settings of this machine go along (a proxy, a TLS-intercepting CA that Node only
  // trusts through NODE_EXTRA_CA_CERTS); nothing else of the caller's environment does.
  const passed = Object.fromEntries(NETWORK_ENV.filter((k) => process.env[k]).map((k) => [k, process.env[k]!]));
  const env = { ...passed, HOME: home, USER: user, PATH: process.env.PATH ?? "/usr/bin:/bin", CI: "true", GITHUB_ACTIONS: "true", GITHUB_SHA: sha };
  process.stdout.write(`workflow job ${job} ${JSON.stringify(matrix)} as ${user} in ${dir}\n`);

  const t0 = Date.now();
  for (const step of steps) {
    const withMatrix = (text: string) => text.replace(/\$\{\{\s*matrix\.(\w+)\s*\}\}/g, (_, key: string) => matrix[key] ?? "");
    const title = withMatrix(step.name ?? step.uses ?? step.run?.split("\n")[0] ?? "");
    if (step.uses) {
      process.stdout.write(`-- ${title}: not run here (${step.uses.startsWith("actions/checkout") ? "the clone" : "GitHub only"})\n`);
      continue;
    }
    const script = withMatrix(step.run!);
    process.stdout.write(`== ${title}\n`);
    const started = Date.now();
    const r = spawnSync("sudo", ["-u", user, `--preserve-env=${Object.keys(env).join(",")}`, "bash", "-eo", "pipefail", "-c", script], { cwd: dir, env, stdio: "inherit" });
    process.stdout.write(`== ${title}: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    if (r.status !== 0) {
      process.stdout.write(`job ${job} FAILED at "${title}" after ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
      return 1;
    }
  }
  process.stdout.write(`job ${job} passed in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`workflow-job: ${(err as Error).message}\n`);
  process.exitCode = 2;
}
