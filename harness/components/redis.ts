// Redis: P21's online store (Feast's Redis store), one server on the run's network.
import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import { RunContainer, type Component } from "./container.js";

const PORT = 6379;

export class RedisContainer extends RunContainer {
  constructor(image: ResolvedImage) {
    super(image, "redis");
    this.withExposedPorts(PORT).withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/).withStartupTimeout(60_000));
  }

  override async start(): Promise<StartedRedisContainer> {
    return new StartedRedisContainer(await super.start(), this.image, this.alias);
  }
}

export class StartedRedisContainer extends AbstractStartedContainer implements Component {
  readonly name = "redis";

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    private readonly alias: string,
  ) {
    super(container);
  }

  /** host:port for clients on the run's network. */
  get internalAddress(): string {
    return `${this.alias}:${PORT}`;
  }

  /** Keys in the database (Feast keeps one hash per entity key and project). */
  async keyCount(): Promise<number> {
    const { output, exitCode } = await this.exec(["redis-cli", "DBSIZE"]);
    if (exitCode !== 0) throw new Error(`redis-cli DBSIZE: ${output}`);
    return Number(output.trim());
  }
}
