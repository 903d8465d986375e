import { describePipeline } from "../../harness/scenario.js";
import p07 from "../../pipelines/07-kestra-orchestration/pipeline.js";

describePipeline(p07);
