// The Mage stack (P19): Kafka, Mage serving the pipeline's project, and the dbt image, on one
// labelled network. The project is copied into the run's folder (Mage writes its run state into it)
// with an API trigger of the run's own token; the stack is ready once Mage's scheduler has read it.
import { randomBytes } from "node:crypto";
import { cpSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { StartedNetwork } from "testcontainers";
import { startAll, waitFor, type Component } from "../../components/container.js";
import { DbtContainer, type StartedDbtContainer } from "../../components/dbt.js";
import { KafkaContainer, type StartedKafkaContainer } from "../../components/kafka.js";
import { MageContainer, type StartedMageContainer } from "../../components/mage.js";
import { TLC_COLUMNS } from "../../fixtures/schema.js";
import type { StackDefinition, StackInputs, StartedStack } from "../../pipeline.js";
import { COMMON_PYTHON } from "../common/python.js";
import { onRunNetwork } from "../network.js";

const TRIGGER = "harness";

export interface MageStack extends StartedStack {
  network: StartedNetwork;
  kafka: StartedKafkaContainer;
  mage: StartedMageContainer;
  dbt: StartedDbtContainer;
  /** The run's folder on the host (at MAGE_RUN_DIR in Mage, at DBT_RUN_DIR in dbt). */
  workDir: string;
  /** Runs the pipeline through its API trigger with `variables`; the run's id. */
  trigger(variables: Record<string, unknown>): Promise<number>;
}

/** An API trigger (triggers.yaml) with the run's token: Mage reads it into its schedules. */
function triggerYaml(token: string): string {
  return `triggers:\n- name: ${TRIGGER}\n  schedule_type: api\n  schedule_interval: null\n  start_time: 2024-01-01 00:00:00\n  status: active\n  token: ${token}\n`;
}

/** Mage serving `projectDir`, whose pipeline `pipeline` each pass runs. */
export function mageStack(projectDir: string, pipeline: string): StackDefinition<MageStack> {
  return onRunNetwork("Kafka + Mage", ["kafka", "mage-harness", "dbt"], async (network: StartedNetwork, { images, workDir }: StackInputs) => {
    const name = basename(projectDir);
    const project = join(workDir, "mage", name);
    cpSync(projectDir, project, { recursive: true, filter: (f) => basename(f) !== "mage_data" });
    const token = randomBytes(16).toString("hex");
    writeFileSync(join(project, "pipelines", pipeline, "triggers.yaml"), triggerYaml(token));
    const [kafka, mage, dbt] = await startAll([
      new KafkaContainer(images.kafka!).withNetwork(network).start(),
      new MageContainer(images["mage-harness"]!)
        .withNetwork(network)
        .withProject(project, name)
        .withLibrary(COMMON_PYTHON)
        .withEnvironment({ TRIP_FIELDS: JSON.stringify(TLC_COLUMNS) })
        .withRunFolder(workDir)
        .start(),
      new DbtContainer(images.dbt!, workDir).withNetwork(network).start(),
    ] as const);
    const stop = () => Promise.allSettled([mage.stop(), dbt.stop(), kafka.stop()]).then(() => undefined);
    const scheduleId = await waitFor(`Mage's scheduler reading trigger ${TRIGGER} of ${pipeline}`, 120_000, () => mage.scheduleId(pipeline, TRIGGER), 1_000).catch(async (err: unknown) => {
      await stop();
      throw err;
    });
    return {
      network,
      kafka,
      mage,
      dbt,
      workDir,
      trigger: (variables) => mage.trigger(scheduleId, token, variables),
      containers: (): Component[] => [kafka, mage, dbt],
      stop,
    };
  });
}
