// Labelled engine resources other than containers (components/container.ts labels those):
// networks and volumes of a run carry the run labels, so cleanup finds them.
import { getContainerRuntimeClient, StartedNetwork } from "testcontainers";
import { randomBytes } from "node:crypto";
import { exec, lastLine } from "./exec.js";
import { guardRun } from "./guard.js";
import { runId, runLabels } from "./run.js";

/** A labelled bridge network (testcontainers' Network takes no labels). Stop it with `.stop()`. */
export async function startRunNetwork(name = `ph-${runId()}-${randomBytes(3).toString("hex")}`): Promise<StartedNetwork> {
  guardRun();
  const client = await getContainerRuntimeClient();
  const network = await client.network.create({ Name: name, Driver: "bridge", Labels: runLabels() });
  return new StartedNetwork(client, name, network);
}

/** A labelled named volume; cleanup removes it with the run. Returns its name. */
export async function createRunVolume(name = `ph-${runId()}-${randomBytes(3).toString("hex")}`): Promise<string> {
  guardRun();
  const labels = Object.entries(runLabels()).flatMap(([k, v]) => ["--label", `${k}=${v}`]);
  const r = await exec("docker", ["volume", "create", ...labels, name], { timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(`volume ${name}: ${lastLine(r)}`);
  return name;
}
