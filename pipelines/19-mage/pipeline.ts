// P19: Kafka → Mage blocks (project/: load_from_kafka → transform_bronze → transform_silver →
// export_silver into a DuckDB file) → dbt over that silver. Each pass's run is triggered through
// Mage's API (an API trigger with the run's token) and its block runs are read back.
import { definePipeline } from "../../harness/pipeline.js";
import { mageStack } from "../../harness/stacks/mage/stack.js";
import { mageBronze, mageDbt, mageSilver } from "../../harness/stacks/mage/steps.js";
import { produceEvents } from "../../harness/stages/produce.js";

export default definePipeline({
  id: "p19",
  ruleSet: "silver-lite",
  stack: mageStack(`${import.meta.dirname}/project`, "p19_trips"),
  ingest: produceEvents,
  bronze: mageBronze,
  silver: mageSilver,
  dbt: mageDbt,
  edgePoison: 6,
});
