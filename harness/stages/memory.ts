// Peak memory of a container, read from its cgroup (the kernel keeps the high-water mark, so no
// sampling is needed): cgroup v1 memory.max_usage_in_bytes, cgroup v2 memory.peak. Read it before
// the container stops. Null where the engine's cgroups are not visible (a remote engine).
import { existsSync, readFileSync } from "node:fs";

const CANDIDATES = (id: string) => [
  `/sys/fs/cgroup/memory/docker/${id}/memory.max_usage_in_bytes`,
  `/sys/fs/cgroup/system.slice/docker-${id}.scope/memory.peak`,
  `/sys/fs/cgroup/docker/${id}/memory.peak`,
];

export function peakMemoryMb(containerId: string): number | null {
  const file = CANDIDATES(containerId).find((f) => existsSync(f));
  if (!file) return null;
  const bytes = Number(readFileSync(file, "utf8").trim());
  return Number.isFinite(bytes) ? Math.round((bytes / 2 ** 20) * 10) / 10 : null;
}
