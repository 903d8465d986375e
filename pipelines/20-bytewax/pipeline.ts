// P20: Kafka → a Bytewax dataflow (flow/dataflow.py) → topics: raw trips → bronze (dead letters with
// the reason) → silver (silver-lite, trip_id, fractional duration), with Bytewax's recovery on.
// Silver is a topic, read back and compared with the oracle; there is no dbt stage.
import { definePipeline } from "../../harness/pipeline.js";
import { bytewax } from "../../harness/stacks/streams/bytewax.js";
import { streams } from "../../harness/stacks/streams/stack.js";
import { streamBronze, streamSilver } from "../../harness/stacks/streams/steps.js";
import { produceEvents } from "../../harness/stages/produce.js";

export default definePipeline({
  id: "p20",
  ruleSet: "silver-lite",
  stack: streams(bytewax(`${import.meta.dirname}/flow`)),
  ingest: produceEvents,
  bronze: streamBronze,
  silver: streamSilver,
  // pipelines.md §7: the trip's duration in minutes, not rounded (null without both timestamps).
  silverExtra: [{ name: "trip_duration_minutes", kind: "double", oracle: "epoch(dropoff_datetime - pickup_datetime) / 60.0" }],
  dbt: null,
  edgePoison: 6,
});
