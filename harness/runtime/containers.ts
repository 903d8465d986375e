// Creating labelled engine resources through testcontainers: containers, networks and volumes of a
// run all carry the run labels, and published ports listen on 127.0.0.1 only.
import { GenericContainer, getContainerRuntimeClient, StartedNetwork } from "testcontainers";
import { randomBytes } from "node:crypto";
import { exec, lastLine } from "./exec.js";
import { guardRun } from "./guard.js";
import { runId, runLabels } from "./run.js";

/** Testcontainers' HostConfig for a container: protected upstream, read here only to pin HostIp. */
type WithHostConfig = { hostConfig: { PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }>> } };

/**
 * Label a container with the run labels and make its published ports loopback-only.
 * testcontainers 11 has no host-ip option (withExposedPorts binds 0.0.0.0), so the bindings it
 * built are rewritten just before the container is created.
 */
export function withRunLabels<T extends GenericContainer>(container: T): T {
  guardRun();
  container.withLabels(runLabels());
  const start = container.start.bind(container);
  container.start = () => {
    const bindings = (container as unknown as WithHostConfig).hostConfig.PortBindings ?? {};
    for (const list of Object.values(bindings)) for (const b of list) b.HostIp = "127.0.0.1";
    return start();
  };
  return container;
}

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
