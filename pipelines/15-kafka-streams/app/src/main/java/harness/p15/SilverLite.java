package harness.p15;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * silver-lite (pipelines.md §2): a bronze trip is kept when trip_distance >= 0 and fare_amount >= 0
 * (a null fails both), with no timestamp condition and no dedup; then the silver columns of §3, money
 * rounded half away from zero on the decimal value as written, and trip_id = md5 of the natural key.
 */
final class SilverLite {
  private SilverLite() {}

  static Optional<ObjectNode> apply(JsonNode bronze) {
    if (!atLeastZero(bronze.get("trip_distance")) || !atLeastZero(bronze.get("fare_amount"))) return Optional.empty();
    ObjectNode silver = TripFields.JSON.createObjectNode();
    silver.put("trip_id", md5(naturalKey(bronze)));
    copy(bronze, "vendor_id", silver, "vendor_id");
    copy(bronze, "ratecode_id", silver, "rate_code_id");
    copy(bronze, "pu_location_id", silver, "pickup_location_id");
    copy(bronze, "do_location_id", silver, "dropoff_location_id");
    copy(bronze, "payment_type", silver, "payment_type_id");
    copy(bronze, "passenger_count", silver, "passenger_count");
    copy(bronze, "tpep_pickup_datetime", silver, "pickup_datetime");
    copy(bronze, "tpep_dropoff_datetime", silver, "dropoff_datetime");
    copy(bronze, "trip_distance", silver, "trip_distance_miles");
    copy(bronze, "store_and_fwd_flag", silver, "store_and_fwd_flag");
    money(bronze, "fare_amount", silver, "fare_amount");
    money(bronze, "extra", silver, "extra_amount");
    money(bronze, "mta_tax", silver, "mta_tax");
    money(bronze, "tip_amount", silver, "tip_amount");
    money(bronze, "tolls_amount", silver, "tolls_amount");
    money(bronze, "improvement_surcharge", silver, "improvement_surcharge");
    money(bronze, "total_amount", silver, "total_amount");
    money(bronze, "congestion_surcharge", silver, "congestion_surcharge");
    money(bronze, "airport_fee", silver, "airport_fee");
    JsonNode pickup = bronze.get("tpep_pickup_datetime");
    if (pickup.isNull()) silver.putNull("pickup_date");
    else silver.put("pickup_date", pickup.asText().substring(0, 10));
    return Optional.of(silver);
  }

  private static boolean atLeastZero(JsonNode v) {
    return v != null && v.isNumber() && v.doubleValue() >= 0;
  }

  private static void copy(JsonNode from, String name, ObjectNode to, String as) {
    to.set(as, from.get(name));
  }

  private static void money(JsonNode from, String name, ObjectNode to, String as) {
    JsonNode v = from.get(name);
    if (v.isNull()) to.putNull(as);
    else to.put(as, rounded(v.doubleValue()));
  }

  /** The double's shortest decimal text, rounded to cents half away from zero (12.345 → 12.35). */
  static BigDecimal rounded(double x) {
    return BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_UP);
  }

  /** The rule-sets' natural key as canonical text: nulls left out, as SQL's concat_ws does. */
  static String naturalKey(JsonNode b) {
    StringJoiner key = new StringJoiner("|");
    for (String part : new String[] {
        text(b.get("vendor_id")), timestamp(b.get("tpep_pickup_datetime")), timestamp(b.get("tpep_dropoff_datetime")),
        text(b.get("pu_location_id")), text(b.get("do_location_id")), cents(b.get("fare_amount")), cents(b.get("total_amount"))})
      if (part != null) key.add(part);
    return key.toString();
  }

  private static String text(JsonNode v) {
    return v.isNull() ? null : v.asText();
  }

  private static String timestamp(JsonNode v) {
    return v.isNull() ? null : v.asText().replace('T', ' ');
  }

  private static String cents(JsonNode v) {
    return v.isNull() ? null : rounded(v.doubleValue()).toPlainString();
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
