import { describePipeline } from "../../harness/scenario.js";
import p09 from "../../pipelines/09-dagster-orchestration/pipeline.js";

describePipeline(p09);
