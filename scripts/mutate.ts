// Proves the verdict can fail: `npx tsx scripts/mutate.ts <mutation>` copies the project as
// committed (HEAD; node_modules and .cache linked), applies one mutation to a pipeline's engine SQL in the
// copy, runs that pipeline's suite there and then the gate against the committed baseline, and
// says whether the run came out FAIL and the gate non-zero. The work tree is never touched; the
// copy is removed after. Exit 0 when the mutation was caught (FAIL and gate red), 1 when it survived.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CATALOG } from "../harness/catalog.js";
import { projectRoot } from "../harness/paths.js";
import type { Matrix } from "../harness/report/matrix.js";

interface Mutation {
  pipeline: string;
  file: string;
  find: string;
  replace: string;
  what: string;
  /** What the run's reason must name for the failure to count as caught (the failing task, for one). */
  reason?: RegExp;
  /** The verdict the mutant must get: FAIL (default), or PARTIAL for a quality check's failure with silver right. */
  status?: "FAIL" | "PARTIAL";
  /** Settings of the mutant's run (HARNESS_MODE=streaming). */
  env?: Record<string, string>;
}

/** P01's silver reading a table that does not exist: the orchestrated flows' silver task must fail, named. */
const badSilver = (pipeline: string, orchestrator: string): Mutation => ({
  pipeline,
  file: "pipelines/01-kafka-flink-iceberg/sql/silver.sql",
  find: "FROM ${bronze.rows}",
  replace: "FROM lake.${bronze}.no_such_table",
  what: `a bad statement in silver: ${orchestrator}'s silver task fails`,
  reason: /stage orchestrator failed in container \S+: task flink_silver \S+ in \w+ run .*no_such_table/,
});

const P01_SILVER = "pipelines/01-kafka-flink-iceberg/sql/silver.sql";
const MUTATIONS: Record<string, Mutation> = {
  "swap-columns": { pipeline: "p01", file: P01_SILVER, find: "mta_tax, tip_amount, tolls_amount,", replace: "mta_tax, tolls_amount AS tip_amount, tip_amount AS tolls_amount,", what: "tip and tolls swapped: same rows, wrong content" },
  "loosen-filter": { pipeline: "p01", file: P01_SILVER, find: "    AND fare_amount >= 0\n", replace: "", what: "negative fares let through" },
  "streaming-swap-columns": {
    pipeline: "p01",
    file: P01_SILVER,
    find: "mta_tax, tip_amount, tolls_amount,",
    replace: "mta_tax, tolls_amount AS tip_amount, tip_amount AS tolls_amount,",
    what: "tip and tolls swapped, in streaming mode: the unbounded job's silver never equals the oracle",
    env: { HARNESS_MODE: "streaming" },
  },
  "streaming-no-restart": {
    pipeline: "p01",
    file: "harness/stacks/lakehouse/stack.ts",
    find: '"restart-strategy.type": "fixed-delay",',
    replace: '"restart-strategy.type": "none",',
    what: "streaming jobs that do not restart: the TaskManager's death ends them, the failure test must fail",
    env: { HARNESS_MODE: "streaming" },
    reason: /survives-taskmanager-kill/,
  },
  "drop-dedup": { pipeline: "p01", file: P01_SILVER, find: "WHERE rn = 1;", replace: "WHERE rn >= 1;", what: "dedup removed (the edge rows hold duplicates)" },
  "spark-drop-dedup": { pipeline: "p02", file: "harness/stacks/spark/sql/silver-core.sql", find: "WHERE rn = 1;", replace: "WHERE rn >= 1;", what: "the Spark stack's dedup removed (the edge rows hold duplicates)" },
  "airflow-bad-silver": badSilver("p08", "Airflow"),
  "dagster-bad-silver": badSilver("p09", "Dagster"),
  "prefect-bad-silver": badSilver("p18", "Prefect"),
  "streams-at-least-once": {
    pipeline: "p15",
    file: "pipelines/15-kafka-streams/app/src/main/java/harness/p15/TripsApp.java",
    find: "StreamsConfig.EXACTLY_ONCE_V2",
    replace: "StreamsConfig.AT_LEAST_ONCE",
    what: "Kafka Streams at least once: the restart check must find duplicates (the mutant's image is built under the same tag; the next run rebuilds it)",
    reason: /restart/,
  },
  "silver-lite-zero-fare": { pipeline: "p20", file: "harness/stacks/common/python/silver_lite.py", find: 'b["fare_amount"] >= 0', replace: 'b["fare_amount"] > 0', what: "the Python silver-lite drops zero fares (the edge rows hold one)" },
  "mage-bad-block": {
    pipeline: "p19",
    file: "pipelines/19-mage/project/transformers/transform_bronze.py",
    find: "check(row.value or '', columns)",
    replace: "check(row.value or '', columns, strict=True)",
    what: "a block that raises: the run fails naming the block",
    reason: /stage bronze failed in container mage: block transform_bronze failed in Mage run/,
  },
  "druid-weekday": {
    pipeline: "p17",
    file: "pipelines/17-druid/druid/queries.sql",
    find: "TIME_EXTRACT(__time, 'DOW')",
    replace: "TIME_EXTRACT(__time, 'DAY')",
    what: "Druid's heatmap by day of month instead of weekday: its Q3 answer must differ from the reference",
    reason: /Q3 on Druid/,
  },
  "feast-location-fare": {
    pipeline: "p21",
    file: "pipelines/21-feast/features/location_features.sql",
    find: "avg(CAST(fare_amount AS DOUBLE)) AS avg_fare",
    replace: "avg(CAST(total_amount AS DOUBLE)) AS avg_fare",
    what: "a location's average fare computed from the total: the online features must differ from the oracle's",
    reason: /location_features\[pickup_location_id=\d+\]\.avg_fare/,
  },
  "metrics-records-out-only": {
    pipeline: "p11",
    file: "harness/stacks/observed/stack.ts",
    find: '"*.job.task.operator:numRecordsIn,numRecordsOut"',
    replace: '"*.job.task.operator:numRecordsOut"',
    what: "Flink reports records out only: Prometheus lacks the writers' records in the harness compares",
    reason: /Prometheus has 1 of the 4 operator counts/,
  },
  "soda-fare-ceiling": {
    pipeline: "p11",
    file: "pipelines/11-observability/soda/fct_trips.yml",
    find: "avg(fare_amount) between 5 and 30",
    replace: "avg(fare_amount) between 5 and 15",
    what: "a Soda check the data fails (average fare ~18.6): the run is PARTIAL with the check named, silver still right",
    reason: /average fare between 5 and 30 fail/,
    status: "PARTIAL",
  },
  "delta-append": { pipeline: "p13", file: "pipelines/13-kafka-spark-delta/sql/silver.sql", find: "INSERT OVERWRITE ${silver.table}", replace: "INSERT INTO ${silver.table}", what: "silver appended instead of overwritten: each rewrite adds its rows again" },
};

const name = process.argv[2] ?? "";
const mutation = MUTATIONS[name];
if (!mutation) {
  console.error(`usage: npx tsx scripts/mutate.ts <${Object.keys(MUTATIONS).join("|")}>`);
  process.exit(2);
}

const root = projectRoot();
const copy = mkdtempSync(join(tmpdir(), `mutant-${name}-`));
const cleanup = () => rmSync(copy, { recursive: true, force: true });
process.once("SIGINT", () => (cleanup(), process.exit(130)));
try {
  execFileSync("sh", ["-c", `git archive HEAD | tar -x -C "${copy}"`], { cwd: root });
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));
  symlinkSync(join(root, ".cache"), join(copy, ".cache"));
  const target = join(copy, mutation.file);
  const text = readFileSync(target, "utf8");
  if (!text.includes(mutation.find)) throw new Error(`${mutation.file} no longer holds ${JSON.stringify(mutation.find)}: update the mutation`);
  writeFileSync(target, text.replace(mutation.find, mutation.replace));
  console.log(`mutation ${name} (${mutation.what}) in ${mutation.file}; running ${mutation.pipeline} in ${copy}`);

  const reports = join(copy, "reports");
  const runId = `mutant-${name}-${process.pid}`;
  const env = { ...process.env, ...mutation.env, HARNESS_REPORTS_DIR: reports, PIPELINE_HARNESS_RUN_ID: runId };
  spawnSync("npx", ["vitest", "run", "--project", "pipelines", `suites/${mutation.pipeline}/`], { cwd: copy, env, stdio: "inherit" });
  const row = (JSON.parse(readFileSync(join(reports, "matrix.json"), "utf8")) as Matrix).rows.find((r) => r.id === mutation.pipeline);
  const others = CATALOG.map((p) => p.id).filter((id) => id !== mutation.pipeline);
  const gate = spawnSync("node", ["bin/harness.js", "gate", "--reports", reports, "--allow-skip", others.join(",")], { cwd: copy, env, encoding: "utf8" });
  process.stdout.write(gate.stdout);
  // A failed run leaves nothing behind: no container or network of the run.
  const left = [["ps", "-aq"], ["network", "ls", "-q"]].flatMap((args) =>
    execFileSync("docker", [...args, "--filter", `label=pipeline-harness.run=${runId}`], { encoding: "utf8" }).split("\n").filter(Boolean),
  );
  const named = !mutation.reason || mutation.reason.test(row?.reason ?? "");
  const caught = row?.status === (mutation.status ?? "FAIL") && gate.status !== 0 && named && left.length === 0;
  console.log(`mutation ${name}: run ${row?.status ?? "missing"} (${row?.reason ?? ""}); gate exit ${gate.status}${mutation.reason ? `; reason names the failure: ${named}` : ""}; left running: ${left.length}: ${caught ? "CAUGHT" : "SURVIVED"}`);
  process.exitCode = caught ? 0 : 1;
} finally {
  cleanup();
}
