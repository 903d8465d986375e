package harness.flink;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonFactory;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonParser;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonToken;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.types.Row;

/**
 * {@code LATERAL TABLE(json_fields(message))}: one row per message with every field's JSON type and
 * text, from one parse. Flink's JSON_VALUE and JSON_QUERY parse the whole message again at every
 * call, and checking and reading 19 fields took some 60 of them per message: most of a bronze job's
 * time.
 *
 * <p>{@code json_types}: dotted path → {@code object}, {@code array}, {@code string}, {@code integer}
 * (a number without fraction or exponent), {@code number}, {@code boolean} or {@code null}; nested
 * objects are entered ({@code after.fare_amount}), arrays are not. {@code json_texts}: path → the
 * scalar's text as JSON_VALUE gives it for strings (unescaped) and as written for numbers and
 * booleans. Both are NULL when the message is not one JSON object (malformed, another type, or
 * trailing text). An absent field and a JSON null are both NULL in {@code json_texts}.
 */
@FunctionHint(output = @DataTypeHint("ROW<json_types MAP<STRING, STRING>, json_texts MAP<STRING, STRING>>"))
public class JsonFields extends TableFunction<Row> {
  private static final JsonFactory JSON = new JsonFactory();

  public void eval(String message) {
    Map<String, String> types = new HashMap<>();
    Map<String, String> texts = new HashMap<>();
    boolean object;
    if (message == null) {
      object = false;
    } else {
      try (JsonParser parser = JSON.createParser(message)) {
        object = parser.nextToken() == JsonToken.START_OBJECT;
        if (object) {
          readObject(parser, "", types, texts);
          object = parser.nextToken() == null;
        }
      } catch (IOException malformed) {
        object = false;
      }
    }
    collect(object ? Row.of(types, texts) : Row.of(null, null));
  }

  /** Reads the members of the object whose START_OBJECT was just read, up to its END_OBJECT. */
  private static void readObject(JsonParser parser, String prefix, Map<String, String> types, Map<String, String> texts) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String path = prefix + parser.currentName();
      JsonToken value = parser.nextToken();
      switch (value) {
        case START_OBJECT -> {
          types.put(path, "object");
          readObject(parser, path + ".", types, texts);
        }
        case START_ARRAY -> {
          types.put(path, "array");
          parser.skipChildren();
        }
        case VALUE_STRING -> scalar(path, "string", parser, types, texts);
        case VALUE_NUMBER_INT -> scalar(path, "integer", parser, types, texts);
        case VALUE_NUMBER_FLOAT -> scalar(path, "number", parser, types, texts);
        case VALUE_TRUE, VALUE_FALSE -> scalar(path, "boolean", parser, types, texts);
        case VALUE_NULL -> {
          types.put(path, "null");
          texts.remove(path);
        }
        default -> throw new IOException("unexpected " + value);
      }
    }
  }

  private static void scalar(String path, String type, JsonParser parser, Map<String, String> types, Map<String, String> texts) throws IOException {
    types.put(path, type);
    texts.put(path, parser.getText());
  }
}
