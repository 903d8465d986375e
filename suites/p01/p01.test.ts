import { describePipeline } from "../../harness/scenario.js";
import p01 from "../../pipelines/01-kafka-flink-iceberg/pipeline.js";

describePipeline(p01);
