import { describe, expect, test } from "vitest";
import { sparkRootCause } from "../../harness/components/spark.js";
import { InputError } from "../../harness/errors.js";
import { SPARK_FORMATS } from "../../harness/stacks/spark/formats.js";
import { sparkJobsMode } from "../../harness/stacks/spark/stack.js";

describe("Spark jobs", () => {
  test("a failed job's root cause is the Python exception, with the deepest JVM cause where it adds one", () => {
    const output = [
      "26/12/01 20:47:31 WARN DFSPropertiesConfiguration: Cannot find HUDI_CONF_DIR",
      "Traceback (most recent call last):",
      '  File "/opt/spark/work-dir/jobs/01/job.py", line 40, in run',
      "pyspark.errors.exceptions.captured.AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table or view `bronze_raw_trips` cannot be found.",
    ].join("\n");
    expect(sparkRootCause(output)).toBe("pyspark.errors.exceptions.captured.AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table or view `bronze_raw_trips` cannot be found.");
    const jvm = 'Exception in thread "main" org.apache.spark.SparkException: Job aborted.\n\tat x.y(Z.java:1)\nCaused by: java.io.FileNotFoundException: /warehouse/x (Permission denied)';
    expect(sparkRootCause(jvm)).toBe('Exception in thread "main" org.apache.spark.SparkException: Job aborted. (caused by java.io.FileNotFoundException: /warehouse/x (Permission denied))');
  });

  test("HARNESS_SPARK_JOBS takes application (default) or submit; anything else is one line of bad input", () => {
    expect(sparkJobsMode({})).toBe("application");
    expect(sparkJobsMode({ HARNESS_SPARK_JOBS: "submit" })).toBe("submit");
    expect(() => sparkJobsMode({ HARNESS_SPARK_JOBS: "yarn" })).toThrow(InputError);
  });

  test("each format names a table as Spark SQL and its reader find it, on the warehouse bucket", () => {
    expect(SPARK_FORMATS.iceberg.table("silver", "cleaned_trips")).toMatchObject({ sql: "lake.silver.cleaned_trips", ref: { format: "iceberg", name: "silver.cleaned_trips" }, location: "s3://warehouse/silver/cleaned_trips" });
    expect(SPARK_FORMATS.delta.table("silver", "cleaned_trips")).toMatchObject({ sql: "delta.`s3a://warehouse/delta/silver/cleaned_trips`", ref: { format: "delta", name: "s3://warehouse/delta/silver/cleaned_trips" } });
    expect(SPARK_FORMATS.hudi.register("bronze", "raw_trips")).toEqual(["CREATE TABLE IF NOT EXISTS bronze_raw_trips USING hudi LOCATION 's3a://warehouse/hudi/bronze/raw_trips'"]);
  });
});
