import { describePipeline } from "../../harness/scenario.js";
import p21 from "../../pipelines/21-feast/pipeline.js";

describePipeline(p21);
