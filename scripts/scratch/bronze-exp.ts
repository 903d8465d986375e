import { lakehouse } from "../../harness/stacks/lakehouse/stack.js";
import { resolveImage } from "../../harness/images/resolve.js";
import { prepareInputs } from "../../harness/inputs.js";
import { MAIN_NAMES } from "../../harness/pipeline.js";
import { produceEvents } from "../../harness/stages/produce.js";
import { bronzeStatements } from "../../harness/stacks/lakehouse/steps.js";
import { P01_SQL } from "../../pipelines/01-kafka-flink-iceberg/pipeline.js";
import { Oracle } from "../../harness/oracle/oracle.js";
import { loadSqlScript } from "../../harness/stages/sql-script.js";
import { LAKEHOUSE_SQL } from "../../harness/stacks/lakehouse/stack.js";
import { tripChecks as oldChecks, tripValues as oldValues } from "./trip-fields-old.js";

const inputs = await prepareInputs();
const images: Record<string, any> = {};
for (const n of lakehouse.images) images[n] = await resolveImage(n);
const stack = await lakehouse.start({ images, workDir: "/tmp/bexp", mode: inputs.mode });
try {
  const ctx: any = { pipelineId: "p01", ruleSet: "silver-core", mode: inputs.mode, stack, names: MAIN_NAMES, duck: inputs.duck, events: inputs.events, poison: 0, columns: [], oracle: new Oracle(inputs.duck, "silver-core"), workDir: "/tmp/bexp", note: () => {}, record: () => {} };
  ctx.ingested = await produceEvents(ctx);
  const all = bronzeStatements(ctx, P01_SQL);
  const setup = all.filter((s) => !/^\s*(EXECUTE|INSERT)/im.test(s.replace(/--.*$/gm, "")));
  const m = P01_SQL.bronze.message;
  const checks = oldChecks(m).split("\n    ");
  const q = (lines: string[]) => `SELECT count(*) FROM (SELECT CASE WHEN NOT (\`value\` IS JSON OBJECT) THEN 'x' ${lines.join(" ")} END AS r FROM topic_messages) WHERE r IS NULL`;
  const variants: Record<string, string> = {
    raw: "SELECT count(*) FROM topic_messages",
    is_json: q([]),
    types: q(checks.slice(0, 19)),
    ranges_no_ts: q(checks.slice(19).filter((c) => !c.includes("TO_TIMESTAMP"))),
    ranges_ts: q(checks.slice(19).filter((c) => c.includes("TO_TIMESTAMP"))),
    all: q(checks),
    ...JSON.parse(process.env.VARIANTS ?? "{}"),
  };
  for (let round = 0; round < 2; round++) {
    for (const [name, q] of Object.entries(variants)) {
      const s = await stack.session();
      for (const st of setup) await s.execute("x", st);
      const t0 = performance.now();
      const rows = await s.execute("x", q, 600_000);
      console.log(`${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s → ${JSON.stringify(rows).slice(0, 80)}`);
      await s.close();
    }
    const s = await stack.session();
    const t0 = performance.now();
    if (round === 1) await s.runScript("bronze", all, 600_000);
    console.log(`full bronze: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await s.close();
  }
} finally {
  await stack.stop();
  inputs.duck.close();
}
