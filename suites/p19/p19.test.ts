import { describePipeline } from "../../harness/scenario.js";
import p19 from "../../pipelines/19-mage/pipeline.js";

describePipeline(p19);
