// A Kafka Streams application (an image whose entrypoint runs it, e.g. kafka-streams-app), serving
// one pass through the stream-app environment. It is started without a readiness wait: it waits for
// its group coordinator itself, and the harness watches its progress (consumer-group lag) and its
// exit, which fails the stage with its log.
import type { ResolvedImage } from "../images/resolve.js";
import { StreamAppContainer } from "./stream-app.js";

export class KafkaStreamsContainer extends StreamAppContainer {
  constructor(image: ResolvedImage) {
    super(image, "kafka-streams");
  }
}
