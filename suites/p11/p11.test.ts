import { describePipeline } from "../../harness/scenario.js";
import p11 from "../../pipelines/11-observability/pipeline.js";

describePipeline(p11, (test) => {
  // Grafana is in no registry this machine reaches (not on Maven, PyPI, npm or Debian) and no
  // container registry answers: its dashboard (pipelines/11-observability/grafana/) is committed,
  // and the metrics stage evaluates every panel's query against the run's Prometheus.
  test.skip("grafana: the dashboard served by Grafana — SKIPPED: Grafana cannot be obtained here (official image only; no registry answers)", () => {});
});
