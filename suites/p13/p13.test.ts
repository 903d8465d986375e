import { describePipeline } from "../../harness/scenario.js";
import p13 from "../../pipelines/13-kafka-spark-delta/pipeline.js";

describePipeline(p13);
