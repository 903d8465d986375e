// Bytewax as the stream processor: a pipeline's dataflow (its folder, `dataflow.py` with `flow`, which
// imports the harness's Python rules: trip_fields, silver_lite) run
// for a pass on the bytewax image, with recovery state kept in the pass's folder across restarts.
import { BytewaxContainer } from "../../components/bytewax.js";
import { COMMON_PYTHON } from "../common/python.js";
import type { StreamProcessor } from "./stack.js";

export function bytewax(flowDir: string): StreamProcessor {
  return {
    name: "Bytewax",
    image: "bytewax",
    start: ({ image, network, bootstrapServers, topics, group, stateDir }) =>
      new BytewaxContainer(image).withNetwork(network).withKafka(bootstrapServers).withTopics(topics).withApplicationId(group).withDataflow(flowDir).withLibrary(COMMON_PYTHON).withRecovery(stateDir).start(),
  };
}
