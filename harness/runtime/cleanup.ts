// Remove everything a run created, found by label: containers (forced, with their anonymous
// volumes) first, since they hold networks and volumes; then networks; then volumes.
import { exec } from "./exec.js";
import { OWNER_LABEL, RUN_LABEL } from "./run.js";

export interface CleanupCount {
  containers: number;
  networks: number;
  volumes: number;
}

async function ids(kind: "container" | "network" | "volume", filters: string[]): Promise<string[]> {
  const list = kind === "container" ? ["ps", "-aq"] : [kind, "ls", "-q"];
  const r = await exec("docker", [...list, ...filters.flatMap((f) => ["--filter", `label=${f}`])], { timeoutMs: 30_000 });
  return r.code === 0 ? r.stdout.split("\n").filter(Boolean) : [];
}

async function remove(kind: "container" | "network" | "volume", filters: string[]): Promise<number> {
  const found = await ids(kind, filters);
  if (found.length === 0) return 0;
  const rm = kind === "container" ? ["rm", "-fv"] : [kind, "rm"];
  await exec("docker", [...rm, ...found], { timeoutMs: 120_000 });
  return found.length;
}

/** Remove what run `id` created; with `ownerPid`, only what that process created. */
export async function cleanupRun(id: string, ownerPid?: number): Promise<CleanupCount> {
  const filters = [`${RUN_LABEL}=${id}`, ...(ownerPid ? [`${OWNER_LABEL}=${ownerPid}`] : [])];
  const containers = await remove("container", filters);
  const networks = await remove("network", filters);
  const volumes = await remove("volume", filters);
  return { containers, networks, volumes };
}

/** What is left of a run, by label (the interruption test counts this). */
export async function countRun(id: string): Promise<CleanupCount> {
  const filters = [`${RUN_LABEL}=${id}`];
  const [c, n, v] = await Promise.all([ids("container", filters), ids("network", filters), ids("volume", filters)]);
  return { containers: c.length, networks: n.length, volumes: v.length };
}
