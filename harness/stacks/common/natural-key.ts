// The natural key of silver-core as canonical text (pipelines.md §3), in SQL that Flink and Spark
// both read alike: trip_id is its md5, as the oracle's rule-sets define it.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** An expression over the TLC columns of a row (natural-key.sql). */
export const NATURAL_KEY = readFileSync(join(import.meta.dirname, "natural-key.sql"), "utf8").trim();
