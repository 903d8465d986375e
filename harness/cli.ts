// `npx harness <command>`: the main job (run), the regression gate, images and the container engine.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeSyntheticFixture } from "./fixtures/synthetic.js";
import { CATALOG, suiteIds } from "./catalog.js";
import { InputError } from "./errors.js";
import { prepareInputs } from "./inputs.js";
import { cacheDir, projectRoot } from "./paths.js";

const USAGE = `usage: npx harness <command>
  run [pNN …]             run the pipeline suites (all by default) and write reports/
  gate [--reports DIR] [--baseline FILE] [--tolerance X]
                          fail when rows, dbt passes or stage times leave the baseline
  ran pNN [--reports DIR]  fail unless pNN ran in the last run (a SKIPPED or absent pipeline fails, with its reason)
  images list|build [name …]|prune
                          the component images: official, forged here, or local
  engine up               make sure a container engine answers (installs docker.io as root on Debian)
  synth --rows N [--out FILE]
                          grow the run's fixture to N rows (a synthetic fixture for scale runs;
                          then HARNESS_FIXTURE=FILE HARNESS_EVENTS=N)`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => runPipelines,
  gate: async () => (await import("./report/gate.js")).runGate,
  ran: async () => (await import("./report/gate.js")).runRanCheck,
  images: async () => (await import("./images/cli.js")).runImagesCommand,
  engine: async () => (await import("./runtime/engine.js")).runEngineCommand,
  synth: async () => synth,
};

/** `synth --rows N [--out FILE]`: the synthetic fixture, by default in the cache. */
async function synth(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { rows: { type: "string" }, out: { type: "string" } } });
  const rows = Number(values.rows);
  if (!values.rows || !/^[1-9][0-9]*$/.test(values.rows)) throw new InputError(`synth needs --rows N, a positive integer (got ${values.rows ?? "nothing"})`);
  const { fixture } = await prepareInputs({ ...process.env, HARNESS_EVENTS: "" }).then((i) => (i.duck.close(), i));
  const out = resolve(values.out ?? join(cacheDir(), "fixtures", `synthetic-${rows}.parquet`));
  mkdirSync(dirname(out), { recursive: true });
  const t0 = performance.now();
  await writeSyntheticFixture(fixture, rows, out);
  process.stdout.write(`synth: ${rows} rows grown from ${fixture.label} (${fixture.fileRows} rows) in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${out}\n`);
  return 0;
}

/** Checks the inputs (one line on bad input), then runs the selected suites through vitest. */
async function runPipelines(argv: string[]): Promise<number> {
  const suites = [...suiteIds(projectRoot())];
  const unknown = argv.filter((a) => !CATALOG.some((c) => c.id === a));
  const withoutSuite = argv.filter((a) => !unknown.includes(a) && !suites.includes(a));
  if (unknown.length) throw new InputError(`${unknown.join(", ")}: not in the catalog (${CATALOG[0]!.id}–${CATALOG.at(-1)!.id}); pipelines with a suite: ${suites.join(" ")}`);
  if (withoutSuite.length) throw new InputError(`${withoutSuite.join(", ")}: in the catalog but no suite yet; pipelines with a suite: ${suites.join(" ")}`);
  (await prepareInputs()).duck.close();
  const filters = argv.map((id) => `suites/${id}/`);
  const args = ["vitest", "run", "--project", "pipelines", ...filters];
  return new Promise((resolve) => {
    const child = spawn("npx", args, { cwd: projectRoot(), stdio: "inherit" });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(`${USAGE}\n`);
    return name === undefined || name === "help" || name === "--help" ? 0 : 2;
  }
  try {
    return await (await load())(rest);
  } catch (err) {
    if (err instanceof InputError) {
      process.stderr.write(`harness: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

