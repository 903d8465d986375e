// Pinot: controller, broker and server, one container each as Pinot's docker-compose deploys them,
// with ZooKeeper beside them. Schemas and tables go to the controller's REST API; SQL to the broker.
import { AbstractStartedContainer, Wait, type StartedNetwork, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import { RunContainer, startAll, type Component } from "./container.js";
import { ZooKeeperContainer, type StartedZooKeeperContainer } from "./zookeeper.js";

export type PinotRole = "controller" | "broker" | "server";

/** Each role's command (the image's entrypoint is bin/pinot-admin.sh) and the port its /health answers on. */
const ROLE: Record<PinotRole, { command: string; port: number }> = {
  controller: { command: "StartController", port: 9000 },
  broker: { command: "StartBroker", port: 8099 },
  // 8098 is the server's netty port; its REST API (and /health) is the admin port.
  server: { command: "StartServer", port: 8097 },
};

/** The image's default JAVA_OPTS ask 4 GB per JVM; three roles on a small machine get 1 GB each. */
const JAVA_OPTS = "-Xms256M -Xmx1G -Dpinot.admin.system.exit=false";

export class PinotContainer extends RunContainer {
  constructor(
    image: ResolvedImage,
    readonly role: PinotRole,
    zookeeper: string,
  ) {
    super(image, `pinot-${role}`);
    this.withCommand([ROLE[role].command, "-zkAddress", zookeeper, `-${role}Host`, `pinot-${role}`])
      .withEnvironment({ JAVA_OPTS })
      .withExposedPorts(ROLE[role].port)
      .withWaitStrategy(Wait.forHttp("/health", ROLE[role].port).withStartupTimeout(240_000));
  }

  override async start(): Promise<StartedPinotContainer> {
    return new StartedPinotContainer(await super.start(), this.image, this.role);
  }
}

export class StartedPinotContainer extends AbstractStartedContainer implements Component {
  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    readonly role: PinotRole,
  ) {
    super(container);
  }

  get name(): string {
    return `pinot-${this.role}`;
  }

  get url(): string {
    return `http://127.0.0.1:${this.getMappedPort(ROLE[this.role].port)}`;
  }
}

/** The broker's answer to POST /query/sql (errors come as HTTP 200 with `exceptions`). */
interface BrokerResponse {
  resultTable?: { dataSchema: { columnNames: string[] }; rows: unknown[][] };
  exceptions?: Array<{ errorCode: number; message: string }>;
}

export async function startPinotCluster(images: { pinot: ResolvedImage; zookeeper: ResolvedImage }, network: StartedNetwork): Promise<PinotCluster> {
  const role = (name: PinotRole) => new PinotContainer(images.pinot, name, "zookeeper:2181").withNetwork(network).start();
  const started = await startAll([new ZooKeeperContainer(images.zookeeper).withNetwork(network).start(), role("controller"), role("broker"), role("server")] as const);
  return new PinotCluster(...started);
}

export class PinotCluster {
  constructor(
    readonly zookeeper: StartedZooKeeperContainer,
    readonly controller: StartedPinotContainer,
    readonly broker: StartedPinotContainer,
    readonly server: StartedPinotContainer,
  ) {}

  get containers(): Component[] {
    return [this.zookeeper, this.controller, this.broker, this.server];
  }

  /** POST /schemas then POST /tables on the controller (the topic must exist: the controller reads its partitions). */
  async addTable(schema: object, table: object): Promise<void> {
    await this.post(`${this.controller.url}/schemas`, schema);
    await this.post(`${this.controller.url}/tables`, table);
  }

  /** Pinot SQL on the broker; an answer with exceptions throws them. */
  async sql(query: string): Promise<unknown[][]> {
    const body = (await this.post(`${this.broker.url}/query/sql`, { sql: query })) as BrokerResponse;
    if (body.exceptions?.length) throw new Error(`Pinot: ${body.exceptions.map((e) => `${e.errorCode} ${e.message.split("\n")[0]}`).join("; ")}`);
    return body.resultTable?.rows ?? [];
  }

  private async post(url: string, body: object): Promise<unknown> {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    if (!res.ok) throw new Error(`Pinot POST ${new URL(url).pathname}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.containers.map((c) => c.container.stop()));
  }
}
