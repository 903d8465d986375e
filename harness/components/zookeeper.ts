// ZooKeeper: the coordination service of Druid (and Pinot) on the run's network, one standalone
// server as the official image runs it by default.
import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import { RunContainer, type Component } from "./container.js";

const PORT = 2181;

export class ZooKeeperContainer extends RunContainer {
  constructor(image: ResolvedImage) {
    super(image, "zookeeper");
    this.withWaitStrategy(Wait.forLogMessage(/binding to port .*:2181/).withStartupTimeout(60_000));
  }

  override async start(): Promise<StartedZooKeeperContainer> {
    return new StartedZooKeeperContainer(await super.start(), this.image, this.alias);
  }
}

export class StartedZooKeeperContainer extends AbstractStartedContainer implements Component {
  readonly name = "zookeeper";

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    private readonly alias: string,
  ) {
    super(container);
  }

  /** host:port for engines on the run's network. */
  get internalConnectString(): string {
    return `${this.alias}:${PORT}`;
  }
}
