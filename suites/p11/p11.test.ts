import { describePipeline } from "../../harness/scenario.js";
import p11 from "../../pipelines/11-observability/pipeline.js";

describePipeline(p11);
