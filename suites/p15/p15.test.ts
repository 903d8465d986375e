import { describePipeline } from "../../harness/scenario.js";
import p15 from "../../pipelines/15-kafka-streams/pipeline.js";

describePipeline(p15);
