import { describePipeline } from "../../harness/scenario.js";
import p18 from "../../pipelines/18-prefect-orchestration/pipeline.js";

describePipeline(p18);
