// MinIO: the object store under the lakehouse tables. Credentials are made per run.
import { Client } from "minio";
import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import { newSecret } from "../runtime/secrets.js";
import { inStage, RunContainer, type Component } from "./container.js";

const PORT = 9000;

export class MinioContainer extends RunContainer {
  private buckets: string[] = [];
  private readonly accessKey = newSecret("minio");
  private readonly secretKey = newSecret("minio");

  constructor(image: ResolvedImage) {
    super(image, "minio");
    this.withEnvironment({ MINIO_ROOT_USER: this.accessKey, MINIO_ROOT_PASSWORD: this.secretKey })
      .withCommand(["server", "/data"])
      .withExposedPorts(PORT)
      .withWaitStrategy(Wait.forHttp("/minio/health/live", PORT).withStartupTimeout(60_000));
  }

  withBucket(name: string): this {
    this.buckets.push(name);
    return this;
  }

  override async start(): Promise<StartedMinioContainer> {
    const started = new StartedMinioContainer(await super.start(), this.image, this.alias, this.accessKey, this.secretKey);
    await inStage("startup", started, async () => {
      for (const bucket of this.buckets) await started.client().makeBucket(bucket);
    });
    return started;
  }
}

export class StartedMinioContainer extends AbstractStartedContainer implements Component {
  readonly name = "minio";

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    private readonly alias: string,
    readonly accessKey: string,
    readonly secretKey: string,
  ) {
    super(container);
  }

  /** For clients on the host. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.getMappedPort(PORT)}`;
  }

  /** For engines on the run's network. */
  get internalEndpoint(): string {
    return `http://${this.alias}:${PORT}`;
  }

  client(): Client {
    return new Client({ endPoint: "127.0.0.1", port: this.getMappedPort(PORT), useSSL: false, accessKey: this.accessKey, secretKey: this.secretKey });
  }
}
