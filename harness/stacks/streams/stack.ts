// The stream-processor stack (P15 Kafka Streams, P20 Bytewax): Kafka and one application container
// per pass, on one labelled network. No cluster to start: the processor is an application that
// consumes the pass's topic and writes the pass's bronze, silver and dead-letter topics. Each pass
// starts its own application (its own consumer group), once its input has been produced.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { StartedNetwork } from "testcontainers";
import type { Component } from "../../components/container.js";
import { KafkaContainer, type StartedKafkaContainer } from "../../components/kafka.js";
import type { StartedStreamApp, StreamTopics } from "../../components/stream-app.js";
import type { ResolvedImage } from "../../images/resolve.js";
import type { ScenarioNames, StackDefinition, StackInputs, StartedStack } from "../../pipeline.js";
import { onRunNetwork } from "../network.js";

/** What a processor's application is started with: its image, the network, the broker, its pass. */
export interface StreamAppInputs {
  image: ResolvedImage;
  network: StartedNetwork;
  bootstrapServers: string;
  topics: StreamTopics;
  /** Its application id (consumer group). */
  group: string;
  /** A folder of its own on the host, kept across a restart (recovery state). */
  stateDir: string;
}

/** A stream processor: the engine image its applications run on and how one is started. */
export interface StreamProcessor {
  name: string;
  image: string;
  start(inputs: StreamAppInputs): Promise<StartedStreamApp>;
}

export interface StreamsStack extends StartedStack {
  network: StartedNetwork;
  kafka: StartedKafkaContainer;
  processor: StreamProcessor;
  /** Starts an application over `topics` as `group` (a restart: the same group again). */
  startApp(topics: StreamTopics, group: string): Promise<StartedStreamApp>;
}

/** A pass's topics: its events and dead-letter topics, and `<prefix>.bronze`, `<prefix>.silver` beside them. */
export function streamTopics(names: ScenarioNames): StreamTopics {
  const prefix = names.topic.replace(/\.[^.]+$/, "");
  return { input: names.topic, bronze: `${prefix}.bronze`, silver: `${prefix}.silver`, deadLetters: names.deadLetters };
}

export function streams(processor: StreamProcessor): StackDefinition<StreamsStack> {
  return onRunNetwork(`Kafka + ${processor.name}`, ["kafka", processor.image], async (network: StartedNetwork, { images, workDir }: StackInputs) => {
    const kafka = await new KafkaContainer(images.kafka!).withNetwork(network).start();
    const apps: StartedStreamApp[] = [];
    return {
      network,
      kafka,
      processor,
      startApp: async (topics, group) => {
        const stateDir = join(workDir, "apps", group);
        mkdirSync(stateDir, { recursive: true });
        const app = await processor.start({ image: images[processor.image]!, network, bootstrapServers: kafka.internalBootstrapServers, topics, group, stateDir });
        apps.push(app);
        return app;
      },
      // Every application that ran, stopped or not: peak memory is read from each.
      containers: (): Component[] => [kafka, ...apps],
      stop: async () => {
        await Promise.allSettled(apps.map((a) => a.stop()));
        await kafka.stop();
      },
    };
  });
}
