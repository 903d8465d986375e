// P21: P01 (Kafka → Flink → Iceberg → dbt) with a feature store: silver exported to Feast's offline
// store (feature SQL in features/ over the committed Iceberg snapshot), feature views trip_features
// (trip_id) and location_features (pickup_location_id) in feature_repo/, `feast materialize` into
// Redis, online features checked against the oracle. P01's Flink SQL is reused.
import { join } from "node:path";
import { definePipeline } from "../../harness/pipeline.js";
import { featureStore } from "../../harness/stacks/features/stack.js";
import { feastFeatures } from "../../harness/stacks/features/steps.js";
import { flinkBronze, flinkSilver, lakehouseDbt } from "../../harness/stacks/lakehouse/steps.js";
import { produceEvents } from "../../harness/stages/produce.js";
import { P01_SQL } from "../01-kafka-flink-iceberg/pipeline.js";

export default definePipeline({
  id: "p21",
  ruleSet: "silver-core",
  stack: featureStore,
  ingest: produceEvents,
  bronze: flinkBronze(P01_SQL),
  silver: flinkSilver(P01_SQL),
  dbt: lakehouseDbt,
  stages: [feastFeatures({ repo: join(import.meta.dirname, "feature_repo"), features: join(import.meta.dirname, "features") })],
  edgePoison: 6,
});
