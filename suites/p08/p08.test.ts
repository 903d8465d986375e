import { describePipeline } from "../../harness/scenario.js";
import p08 from "../../pipelines/08-airflow-orchestration/pipeline.js";

describePipeline(p08);
