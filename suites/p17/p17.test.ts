import { describePipeline } from "../../harness/scenario.js";
import p17 from "../../pipelines/17-druid/pipeline.js";

describePipeline(p17);
