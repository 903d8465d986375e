package harness.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonFactory;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonParser;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonToken;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.types.Row;

/**
 * {@code LATERAL TABLE(json_fields(message, 'path', …))}: one row per message with the JSON type and
 * text of each named field, from one parse. Flink's JSON_VALUE parses the whole message again at
 * every call (some 60 calls a message for bronze's checks); a map of every field (this function's
 * first form) made each read a lookup the planner inlines as generated code, three times over in a
 * job with three sinks: planning, splitting that code and running it uncompiled took most of a
 * bronze job's time.
 *
 * <p>Columns: {@code is_object} (TRUE when the message is one JSON object: not malformed, another
 * type or followed by trailing text), then for each path — dotted for nested objects, {@code
 * after.fare_amount}, with dots as underscores in the column names — {@code t_<path>}: its JSON
 * type, {@code object}, {@code array}, {@code string}, {@code integer} (a number without fraction or
 * exponent), {@code number}, {@code boolean} or {@code null}, NULL when absent; and {@code v_<path>}:
 * a scalar's text as JSON_VALUE gives it for strings (unescaped) and as written for numbers and
 * booleans, NULL when absent, null or not a scalar. Every path is NULL when the message is not an
 * object. Paths are literals: they name the columns when the statement is planned.
 */
public class JsonFields extends TableFunction<Row> {
  private static final JsonFactory JSON = new JsonFactory();

  /** The paths of the call (its literals, the same at every row) and each one's position among them. */
  private transient String[] paths;
  private transient Map<String, Integer> positions;

  @Override
  public TypeInference getTypeInference(DataTypeFactory typeFactory) {
    return TypeInference.newBuilder()
        .inputTypeStrategy(
            InputTypeStrategies.varyingSequence(
                InputTypeStrategies.logical(LogicalTypeFamily.CHARACTER_STRING),
                InputTypeStrategies.and(InputTypeStrategies.LITERAL, InputTypeStrategies.logical(LogicalTypeFamily.CHARACTER_STRING))))
        .outputTypeStrategy(call -> Optional.of(rowType(paths(call))))
        .build();
  }

  private static List<String> paths(CallContext call) {
    List<String> paths = new ArrayList<>();
    for (int i = 1; i < call.getArgumentDataTypes().size(); i++) {
      paths.add(call.getArgumentValue(i, String.class).orElseThrow(() -> new ValidationException("json_fields: paths must be non-null string literals")));
    }
    if (paths.isEmpty()) throw new ValidationException("json_fields: name at least one path");
    return paths;
  }

  private static DataType rowType(List<String> paths) {
    List<DataTypes.Field> fields = new ArrayList<>();
    fields.add(DataTypes.FIELD("is_object", DataTypes.BOOLEAN().notNull()));
    for (String path : paths) {
      String column = path.replace('.', '_');
      fields.add(DataTypes.FIELD("t_" + column, DataTypes.STRING()));
      fields.add(DataTypes.FIELD("v_" + column, DataTypes.STRING()));
    }
    return DataTypes.ROW(fields);
  }

  public void eval(String message, String... paths) {
    if (!Arrays.equals(paths, this.paths)) {
      this.paths = paths;
      positions = new HashMap<>();
      for (int i = 0; i < paths.length; i++) positions.put(paths[i], i);
    }
    Object[] values = new Object[1 + 2 * paths.length];
    boolean object = false;
    if (message != null) {
      try (JsonParser parser = JSON.createParser(message)) {
        object = parser.nextToken() == JsonToken.START_OBJECT;
        if (object) {
          readObject(parser, "", values);
          object = parser.nextToken() == null;
        }
      } catch (IOException malformed) {
        object = false;
      }
    }
    if (!object) values = new Object[values.length];
    values[0] = object;
    collect(Row.of(values));
  }

  /** Reads the members of the object whose START_OBJECT was just read, up to its END_OBJECT. */
  private void readObject(JsonParser parser, String prefix, Object[] values) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String path = prefix + parser.currentName();
      JsonToken value = parser.nextToken();
      switch (value) {
        case START_OBJECT -> {
          put(path, "object", null, values);
          readObject(parser, path + ".", values);
        }
        case START_ARRAY -> {
          put(path, "array", null, values);
          parser.skipChildren();
        }
        case VALUE_STRING -> put(path, "string", parser.getText(), values);
        case VALUE_NUMBER_INT -> put(path, "integer", parser.getText(), values);
        case VALUE_NUMBER_FLOAT -> put(path, "number", parser.getText(), values);
        case VALUE_TRUE, VALUE_FALSE -> put(path, "boolean", parser.getText(), values);
        case VALUE_NULL -> put(path, "null", null, values);
        default -> throw new IOException("unexpected " + value);
      }
    }
  }

  /** A field's type and text where it is one of the paths asked for (a repeated name: the last one wins, as before). */
  private void put(String path, String type, String text, Object[] values) {
    Integer i = positions.get(path);
    if (i == null) return;
    values[1 + 2 * i] = type;
    values[2 + 2 * i] = text;
  }
}
