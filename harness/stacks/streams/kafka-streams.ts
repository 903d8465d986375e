// Kafka Streams as the stream processor: the pipeline's application image (kafka-streams-app, built
// from the pipeline's sources) started for a pass.
import { KafkaStreamsContainer } from "../../components/kafka-streams.js";
import type { StreamProcessor } from "./stack.js";

export const kafkaStreams: StreamProcessor = {
  name: "Kafka Streams",
  image: "kafka-streams-app",
  start: ({ image, network, bootstrapServers, topics, group }) =>
    new KafkaStreamsContainer(image).withNetwork(network).withKafka(bootstrapServers).withTopics(topics).withApplicationId(group).start(),
};
