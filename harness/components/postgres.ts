// PostgreSQL: the Iceberg JDBC catalog of the lakehouse pipelines, and the CDC source of P12.
import pg from "pg";
import { GenericContainer, Wait, type StartedNetwork } from "testcontainers";
import { resolveImage } from "../images/resolve.js";
import { withRunLabels } from "../runtime/containers.js";
import { newSecret } from "../runtime/secrets.js";
import type { Component } from "./container.js";

export class PostgresContainer {
  private network?: StartedNetwork;
  private alias = "postgres";
  private database = "harness";
  private settings: Record<string, string> = {};

  withNetwork(network: StartedNetwork, alias = "postgres"): this {
    this.network = network;
    this.alias = alias;
    return this;
  }

  withDatabase(name: string): this {
    this.database = name;
    return this;
  }

  /** A server setting, e.g. withSetting("wal_level", "logical"). */
  withSetting(name: string, value: string): this {
    this.settings[name] = value;
    return this;
  }

  async start(): Promise<StartedPostgres> {
    const image = await resolveImage("postgres");
    const password = newSecret("pg");
    const container = withRunLabels(
      new GenericContainer(image.ref)
        .withEnvironment({ POSTGRES_USER: "harness", POSTGRES_PASSWORD: password, POSTGRES_DB: this.database })
        .withCommand(Object.entries(this.settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]))
        .withExposedPorts(5432)
        // The official entrypoint starts a server for init scripts, stops it, then starts the real one.
        .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2).withStartupTimeout(90_000)),
    );
    if (this.network) container.withNetwork(this.network).withNetworkAliases(this.alias);
    return new StartedPostgres(await container.start(), image, this.alias, this.database, password);
  }
}

export class StartedPostgres implements Component {
  readonly name = "postgres";
  readonly user = "harness";

  constructor(
    readonly container: Component["container"],
    readonly image: Component["image"],
    readonly alias: string,
    readonly database: string,
    readonly password: string,
  ) {}

  /** For engines on the run's network. */
  get internalJdbcUrl(): string {
    return `jdbc:postgresql://${this.alias}:5432/${this.database}`;
  }

  /** For clients on the host. */
  get hostUri(): string {
    return `postgresql://${this.user}:${encodeURIComponent(this.password)}@127.0.0.1:${this.container.getMappedPort(5432)}/${this.database}`;
  }

  async client(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.hostUri });
    await client.connect();
    return client;
  }

  stop(): Promise<unknown> {
    return this.container.stop();
  }
}
