import { describePipeline } from "../../harness/scenario.js";
import p02 from "../../pipelines/02-kafka-spark-iceberg/pipeline.js";

describePipeline(p02);
