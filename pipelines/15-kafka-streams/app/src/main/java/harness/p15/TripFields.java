package harness.p15;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The TLC fields of a raw message, checked and parsed into bronze: the rules every bronze of the
 * harness applies (the Flink SQL checks, trip_fields.py), on Jackson's parser. Every field's JSON
 * type first, then every value's range; the first problem is the reason, naming the field. The
 * fields (name, kind, SQL type) come from the harness (TRIP_FIELDS), the one definition all engines
 * check against. Bronze keeps the values under snake_case names.
 */
final class TripFields {
  /** A message bronze cannot take, with the reason its dead letter carries. */
  static final class BadTrip extends RuntimeException {
    BadTrip(String reason) {
      super(reason, null, false, false);
    }
  }

  record Field(String name, String kind, String sqlType, String bronzeName) {}

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

  private static final Pattern ISO = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$");
  private static final DateTimeFormatter CALENDAR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE), INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE), LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final List<Field> fields = new ArrayList<>();

  TripFields(String definition) {
    try {
      for (JsonNode f : JSON.readTree(definition))
        fields.add(new Field(f.get("name").asText(), f.get("kind").asText(), f.get("sqlType").asText(), snakeCase(f.get("name").asText())));
    } catch (Exception e) {
      throw new IllegalArgumentException("TRIP_FIELDS is not the harness's field list: " + e.getMessage(), e);
    }
  }

  /** VendorID → vendor_id, PULocationID → pu_location_id, Airport_fee → airport_fee. */
  static String snakeCase(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2").toLowerCase();
  }

  /** Bronze's record of a raw message, or BadTrip with the reason. */
  ObjectNode parse(byte[] raw) {
    JsonNode record;
    try {
      record = raw == null ? null : JSON.readTree(new String(raw, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new BadTrip("not a JSON object");
    }
    if (record == null || !record.isObject()) throw new BadTrip("not a JSON object");
    for (Field f : fields) {
      JsonNode v = record.get(f.name());
      if (v != null && !v.isNull() && !typeOk(f.kind(), v)) throw new BadTrip(f.name() + " is not " + what(f.kind()));
    }
    for (Field f : fields) {
      JsonNode v = record.get(f.name());
      String problem = v == null || v.isNull() ? null : rangeProblem(f, v);
      if (problem != null) throw new BadTrip(f.name() + " " + problem);
    }
    ObjectNode bronze = JSON.createObjectNode();
    for (Field f : fields) {
      JsonNode v = record.get(f.name());
      if (v == null || v.isNull()) bronze.putNull(f.bronzeName());
      else if (f.kind().equals("int")) bronze.put(f.bronzeName(), v.bigIntegerValue().longValue());
      else if (f.kind().equals("double")) bronze.put(f.bronzeName(), v.doubleValue());
      else bronze.put(f.bronzeName(), v.asText());
    }
    return bronze;
  }

  private static boolean typeOk(String kind, JsonNode v) {
    return switch (kind) {
      case "int" -> v.isIntegralNumber();
      case "double" -> v.isNumber();
      case "string" -> v.isTextual();
      case "timestamp" -> v.isTextual() && ISO.matcher(v.asText()).matches();
      default -> false;
    };
  }

  private static String what(String kind) {
    return switch (kind) {
      case "int" -> "an integer";
      case "double" -> "a number";
      case "string" -> "a string";
      default -> "a timestamp";
    };
  }

  private static String rangeProblem(Field f, JsonNode v) {
    switch (f.kind()) {
      case "int": {
        boolean wide = f.sqlType().equals("BIGINT");
        BigInteger x = v.bigIntegerValue();
        return x.compareTo(wide ? LONG_MIN : INT_MIN) >= 0 && x.compareTo(wide ? LONG_MAX : INT_MAX) <= 0 ? null : "is out of range for " + (wide ? "BIGINT" : "INT");
      }
      case "double": {
        double x = v.doubleValue();
        return Double.isFinite(x) && Math.abs(x) <= 1e9 ? null : "is out of range (|x| > 1e9)";
      }
      case "timestamp":
        try {
          LocalDateTime.parse(v.asText(), CALENDAR);
          return null;
        } catch (DateTimeParseException e) {
          return "is not a calendar date and time";
        }
      default:
        return null;
    }
  }
}
