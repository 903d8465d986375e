import { describePipeline } from "../../harness/scenario.js";
import p16 from "../../pipelines/16-pinot/pipeline.js";

describePipeline(p16);
