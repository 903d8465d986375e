import { Client } from "minio";
import { Wait } from "testcontainers";
import { describe, expect, test } from "vitest";
import { resolveImage } from "../../harness/images/resolve.js";
import { RunContainer } from "../../harness/components/container.js";
import { ensureEngine } from "../../harness/runtime/engine.js";
import { exec } from "../../harness/runtime/exec.js";
import { newSecret } from "../../harness/runtime/secrets.js";

const engine = await ensureEngine({ install: false });

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

describe.skipIf(!engine.ok)("image minio", () => {
  test("stores and returns an object over S3", { timeout: 900_000 }, async () => {
    const image = await resolveImage("minio");
    const [accessKey, secretKey] = [newSecret("minio"), newSecret("minio")];
    const container = await (new RunContainer(image, "under-test")
        .withEnvironment({ MINIO_ROOT_USER: accessKey, MINIO_ROOT_PASSWORD: secretKey })
        .withCommand(["server", "/data"])
        .withExposedPorts(9000)
        .withWaitStrategy(Wait.forHttp("/minio/health/live", 9000))
    ).start();
    try {
      const s3 = new Client({ endPoint: container.getHost(), port: container.getMappedPort(9000), useSSL: false, accessKey, secretKey });
      await s3.makeBucket("warehouse");
      await s3.putObject("warehouse", "hello/world.txt", "hello from the harness");
      expect(await readAll(await s3.getObject("warehouse", "hello/world.txt"))).toBe("hello from the harness");
      const { output } = await container.exec(["minio", "--version"]);
      expect(output).toContain("RELEASE.2025-04-22T22-12-26Z");
      // Published on loopback only.
      expect((await exec("docker", ["port", container.getId(), "9000"])).stdout.trim()).toMatch(/^127\.0\.0\.1:\d+$/);
    } finally {
      await container.stop();
    }
  });
});
