// MinIO: the object store under the lakehouse tables. Credentials are made per run.
import { Client } from "minio";
import { GenericContainer, Wait, type StartedNetwork } from "testcontainers";
import { resolveImage } from "../images/resolve.js";
import { withRunLabels } from "../runtime/containers.js";
import { newSecret } from "../runtime/secrets.js";
import { inStage, type Component } from "./container.js";

export class MinioContainer {
  private network?: StartedNetwork;
  private alias = "minio";
  private buckets: string[] = [];

  withNetwork(network: StartedNetwork, alias = "minio"): this {
    this.network = network;
    this.alias = alias;
    return this;
  }

  withBucket(name: string): this {
    this.buckets.push(name);
    return this;
  }

  async start(): Promise<StartedMinio> {
    const image = await resolveImage("minio");
    const accessKey = newSecret("minio");
    const secretKey = newSecret("minio");
    const container = withRunLabels(
      new GenericContainer(image.ref)
        .withEnvironment({ MINIO_ROOT_USER: accessKey, MINIO_ROOT_PASSWORD: secretKey })
        .withCommand(["server", "/data"])
        .withExposedPorts(9000)
        .withWaitStrategy(Wait.forHttp("/minio/health/live", 9000).withStartupTimeout(60_000)),
    );
    if (this.network) container.withNetwork(this.network).withNetworkAliases(this.alias);
    const started = new StartedMinio(await container.start(), image, this.alias, accessKey, secretKey);
    await inStage("startup", started, async () => {
      for (const bucket of this.buckets) await started.client().makeBucket(bucket);
    });
    return started;
  }
}

export class StartedMinio implements Component {
  readonly name = "minio";

  constructor(
    readonly container: Component["container"],
    readonly image: Component["image"],
    private readonly alias: string,
    readonly accessKey: string,
    readonly secretKey: string,
  ) {}

  /** For clients on the host. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.container.getMappedPort(9000)}`;
  }

  /** For engines on the run's network. */
  get internalEndpoint(): string {
    return `http://${this.alias}:9000`;
  }

  client(): Client {
    return new Client({ endPoint: "127.0.0.1", port: this.container.getMappedPort(9000), useSSL: false, accessKey: this.accessKey, secretKey: this.secretKey });
  }

  stop(): Promise<unknown> {
    return this.container.stop();
  }
}
