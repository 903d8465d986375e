package harness.p15;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A raw message the trip parser rejects becomes a dead letter (raw_value, reason, source topic,
 * partition, offset) and processing resumes. The dead letter goes back to Streams as part of the
 * handler's response (KIP-1034), so it is sent by the task's producer, inside the task's transaction
 * under exactly_once_v2: a restart neither loses nor repeats it. Anything but a rejected trip fails.
 */
public final class DeadLetters implements DeserializationExceptionHandler {
  static final String TOPIC_CONFIG = "harness.dead.letter.topic";
  private String topic;

  @Override
  public void configure(Map<String, ?> configs) {
    topic = String.valueOf(configs.get(TOPIC_CONFIG));
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (!(exception instanceof TripFields.BadTrip)) return Response.fail();
    ObjectNode letter = TripFields.JSON.createObjectNode();
    letter.put("raw_value", record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
    letter.put("reason", exception.getMessage());
    letter.put("source_topic", context.topic());
    letter.put("source_partition", context.partition());
    letter.put("source_offset", context.offset());
    byte[] value = letter.toString().getBytes(StandardCharsets.UTF_8);
    return Response.resume(List.of(new ProducerRecord<>(topic, null, record.timestamp(), record.key(), value)));
  }
}
