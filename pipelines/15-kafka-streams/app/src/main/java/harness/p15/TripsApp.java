package harness.p15;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * P15: raw trips → bronze (snake_case JSON; malformed messages to the dead-letter topic with the
 * reason) → silver (silver-lite, trip_id), exactly once (exactly_once_v2). Two sub-topologies joined
 * by the bronze topic, so bronze is a layer of its own that silver re-reads.
 *
 * The upstream's app died with NotCoordinatorException when it started before the broker's group
 * coordinator was ready. This one first waits for the coordinator to answer for its group; after
 * that, a retriable error that still reaches a stream thread replaces the thread instead of
 * stopping the application, and anything else stops it with the cause (the container exits).
 */
public final class TripsApp {
  private TripsApp() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    String bootstrap = need(env, "KAFKA_BOOTSTRAP_SERVERS"), appId = need(env, "APPLICATION_ID");
    String input = need(env, "TOPIC_INPUT"), bronze = need(env, "TOPIC_BRONZE"), silver = need(env, "TOPIC_SILVER"), deadLetters = need(env, "TOPIC_DLQ");
    TripFields fields = new TripFields(need(env, "TRIP_FIELDS"));

    awaitCoordinator(bootstrap, appId, Duration.ofMinutes(2));

    Serde<byte[]> bytes = Serdes.ByteArray();
    Serde<String> text = Serdes.String();
    Serde<ObjectNode> trips = Serdes.serdeFrom((topic, node) -> node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), (Deserializer<ObjectNode>) (topic, raw) -> fields.parse(raw));
    StreamsBuilder builder = new StreamsBuilder();
    // Bronze: the parser is the value deserializer, so a rejected message reaches DeadLetters.
    builder.stream(input, Consumed.with(bytes, trips)).to(bronze, Produced.with(bytes, trips));
    builder.stream(bronze, Consumed.with(bytes, text))
        .flatMap((key, value) -> SilverLite.apply(readTree(value)).map(row -> KeyValue.pair(row.get("trip_id").asText(), row.toString())).stream().toList())
        .to(silver, Produced.with(text, text));

    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class);
    props.put(DeadLetters.TOPIC_CONFIG, deadLetters);
    props.put(StreamsConfig.STATE_DIR_CONFIG, "/tmp/kafka-streams");
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, env.getOrDefault("STREAM_THREADS", "1"));
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // Static membership (one instance per application here): a restarted instance takes its place
    // in the group at once, instead of waiting out the dead member's session.
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), appId + "-instance");

    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    CountDownLatch stopped = new CountDownLatch(1);
    int[] exitCode = {0};
    streams.setUncaughtExceptionHandler(e -> {
      if (causedBy(e, RetriableException.class)) {
        System.out.println("p15: retriable error, replacing the stream thread: " + e);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
      }
      System.out.println("p15: stopping on " + e);
      exitCode[0] = 1;
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.setStateListener((now, before) -> {
      System.out.println("p15: state " + before + " -> " + now);
      if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) stopped.countDown();
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(Duration.ofSeconds(20));
      stopped.countDown();
    }));
    streams.start();
    stopped.await();
    streams.close(Duration.ofSeconds(20));
    System.exit(exitCode[0]);
  }

  /** Blocks until the broker's group coordinator answers for `group` (it is not ready at first on a fresh broker). */
  static void awaitCoordinator(String bootstrap, String group, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      for (int attempt = 1; ; attempt++) {
        try {
          admin.describeConsumerGroups(List.of(group)).all().get();
          System.out.println("p15: group coordinator ready (attempt " + attempt + ")");
          return;
        } catch (ExecutionException e) {
          // A new group is unknown to its coordinator (Kafka 4.0 says so): the coordinator answered.
          if (e.getCause() instanceof GroupIdNotFoundException) {
            System.out.println("p15: group coordinator ready (attempt " + attempt + ", a new group)");
            return;
          }
          if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline)
            throw new IllegalStateException("group coordinator for " + group + " not ready: " + e.getCause(), e.getCause());
          System.out.println("p15: waiting for the group coordinator: " + e.getCause());
          Thread.sleep(500);
        }
      }
    }
  }

  private static JsonNode readTree(String value) {
    try {
      return TripFields.JSON.readTree(value);
    } catch (Exception e) {
      throw new IllegalStateException("bronze holds a message that is not JSON: " + e.getMessage(), e);
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
    return false;
  }

  private static String need(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isEmpty()) throw new IllegalArgumentException(name + " is not set");
    return value;
  }
}
