import { describePipeline } from "../../harness/scenario.js";
import p00 from "../../pipelines/00-batch-baseline/pipeline.js";

describePipeline(p00);
