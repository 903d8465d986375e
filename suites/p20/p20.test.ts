import { describePipeline } from "../../harness/scenario.js";
import p20 from "../../pipelines/20-bytewax/pipeline.js";

describePipeline(p20);
