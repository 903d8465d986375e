// What every stream-processor application container shares (Kafka Streams, Bytewax): the pass it
// serves, as environment — the broker, its consumer group / application id, its four topics and
// the TLC field list its bronze checks — and, started, its group for the harness's lag checks.
import { AbstractStartedContainer, type StartedTestContainer } from "testcontainers";
import { TLC_COLUMNS } from "../fixtures/schema.js";
import type { ResolvedImage } from "../images/resolve.js";
import { exec } from "../runtime/exec.js";
import { RunContainer, type Component } from "./container.js";

/** The topics of one pass: the events, the two layers a stream processor writes, the dead letters. */
export interface StreamTopics {
  input: string;
  bronze: string;
  silver: string;
  deadLetters: string;
}

export abstract class StreamAppContainer extends RunContainer {
  protected group = "";

  constructor(image: ResolvedImage, alias: string) {
    super(image, alias);
    this.withEnvironment({ TRIP_FIELDS: JSON.stringify(TLC_COLUMNS) });
  }

  withKafka(bootstrapServers: string): this {
    return this.withEnvironment({ KAFKA_BOOTSTRAP_SERVERS: bootstrapServers });
  }

  withTopics(topics: StreamTopics): this {
    return this.withEnvironment({ TOPIC_INPUT: topics.input, TOPIC_BRONZE: topics.bronze, TOPIC_SILVER: topics.silver, TOPIC_DLQ: topics.deadLetters });
  }

  /** The application id: its consumer group, whose committed offsets say how far it has read. */
  withApplicationId(id: string): this {
    this.group = id;
    return this.withEnvironment({ APPLICATION_ID: id });
  }

  override async start(): Promise<StartedStreamApp> {
    if (!this.group) throw new Error(`${this.alias}: withApplicationId() is required`);
    // Named with its group: a stack runs one per pass (and the restart check two in one group).
    return new StartedStreamApp(await super.start(), this.image, `${this.alias}:${this.group}`, this.group);
  }
}

export class StartedStreamApp extends AbstractStartedContainer implements Component {
  constructor(
    readonly container: StartedTestContainer,
    readonly image: ResolvedImage,
    readonly name: string,
    /** Its consumer group. */
    readonly group: string,
  ) {
    super(container);
  }

  /** Whether its process still runs (an application that stopped on an error has exited). */
  async running(): Promise<boolean> {
    const { stdout } = await exec("docker", ["inspect", "-f", "{{.State.Running}}", this.container.getId()], { timeoutMs: 15_000 });
    return stdout.trim() === "true";
  }
}
