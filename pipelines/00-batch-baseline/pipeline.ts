// P00, the batch baseline: the shared dbt project run by dbt-duckdb over the events file. No broker,
// no containers: staging applies silver-core itself, so staging is silver.
import { definePipeline } from "../../harness/pipeline.js";
import { dbtStagingModel, eventsFile, eventsFileRows, local, localDbt } from "../../harness/stacks/local.js";

export default definePipeline({
  id: "p00",
  ruleSet: "silver-core",
  stack: local,
  ingest: eventsFile,
  bronze: eventsFileRows,
  silver: dbtStagingModel("stg_yellow_trips"),
  dbt: localDbt,
  edgePoison: 0,
});
