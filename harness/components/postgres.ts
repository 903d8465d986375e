// PostgreSQL: the Iceberg JDBC catalog of the lakehouse pipelines, and the CDC source of P12.
import pg from "pg";
import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import type { ResolvedImage } from "../images/resolve.js";
import { newSecret } from "../runtime/secrets.js";
import { RunContainer, type Component } from "./container.js";

const PORT = 5432;
const USER = "harness";

export class PostgresContainer extends RunContainer {
  private database = "harness";
  private settings: Record<string, string> = {};
  private readonly password = newSecret("pg");

  constructor(image: ResolvedImage) {
    super(image, "postgres");
    this.withExposedPorts(PORT)
      // The official entrypoint starts a server for init scripts, stops it, then starts the real one.
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2).withStartupTimeout(90_000));
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

  override async start(): Promise<StartedPostgresContainer> {
    this.withEnvironment({ POSTGRES_USER: USER, POSTGRES_PASSWORD: this.password, POSTGRES_DB: this.database }).withCommand(
      Object.entries(this.settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
    );
    return new StartedPostgresContainer(await super.start(), this.image, this.alias, this.database, this.password);
  }
}

export class StartedPostgresContainer extends AbstractStartedContainer implements Component {
  readonly user = USER;

  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    readonly alias: string,
    readonly database: string,
    readonly password: string,
  ) {
    super(container);
  }

  get name(): string {
    return `postgres-${this.alias}`;
  }

  /** For engines on the run's network. */
  get internalJdbcUrl(): string {
    return `jdbc:postgresql://${this.alias}:${PORT}/${this.database}`;
  }

  /** For clients on the host. */
  get hostUri(): string {
    return `postgresql://${this.user}:${encodeURIComponent(this.password)}@127.0.0.1:${this.getMappedPort(PORT)}/${this.database}`;
  }

  async client(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.hostUri });
    await client.connect();
    return client;
  }
}
