// P00: the shared dbt project run by dbt-duckdb over the events file. No broker, no containers:
// staging applies silver-core itself, and the suite holds staging against the oracle.
import { definePipeline } from "../../harness/pipeline.js";

export const p00 = definePipeline("p00", {
  ruleSet: "silver-core",
  needsContainerEngine: false,
  images: [],
  dbtSource: "raw",
});

/** Where P00's silver lives: the staging model in dbt's DuckDB file. */
export const P00_SILVER_TABLE = "stg_yellow_trips";
