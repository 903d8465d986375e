// P15: Kafka → a Kafka Streams application (app/, Java) → topics. Raw trips → bronze (snake_case
// JSON; malformed messages to the dead-letter topic with the reason) → silver (silver-lite, trip_id),
// exactly once. Silver is a topic, read back and compared with the oracle; there is no dbt stage.
// `restart` kills the application midway and starts it again: silver must still equal the oracle.
import { streams } from "../../harness/stacks/streams/stack.js";
import { kafkaStreams } from "../../harness/stacks/streams/kafka-streams.js";
import { streamBronze, streamRestart, streamSilver } from "../../harness/stacks/streams/steps.js";
import { definePipeline } from "../../harness/pipeline.js";
import { produceEvents } from "../../harness/stages/produce.js";

export default definePipeline({
  id: "p15",
  ruleSet: "silver-lite",
  stack: streams(kafkaStreams),
  ingest: produceEvents,
  bronze: streamBronze,
  silver: streamSilver,
  dbt: null,
  stages: [streamRestart],
  edgePoison: 6,
});
