import { describePipeline } from "../../harness/scenario.js";
import p22 from "../../pipelines/22-kafka-spark-hudi/pipeline.js";

describePipeline(p22);
