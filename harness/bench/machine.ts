// The machine a benchmark ran on, written beside every figure it reports.
import os from "node:os";
import { exec } from "../runtime/exec.js";

export async function machine(): Promise<Record<string, string | number>> {
  const docker = await exec("docker", ["version", "--format", "{{.Server.Version}}"]);
  return {
    nproc: os.cpus().length,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    cpu: os.cpus()[0]?.model ?? "unknown",
    docker: docker.stdout.trim(),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

export const machineLine = (m: Record<string, string | number>): string =>
  `${m.nproc} cores (${m.cpu}) · ${m.memGiB} GiB · Docker ${m.docker} · ${m.os} · Node ${m.node}`;
