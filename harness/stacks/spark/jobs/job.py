"""The driver every Spark job of the harness runs, in one of two ways:
  `spark-submit job.py JOB.json`      one application per job
  `spark-submit job.py --serve DIR`   one application for many jobs: it takes DIR/inbox/<n>.json in
                                      order, runs each in a session of its own (its temporary views
                                      and settings apart) and writes DIR/done/<n>.json
                                      ({"ok": true, "report": …} or {"ok": false, "error": traceback});
                                      DIR/ready says the session is up.

JOB.json (written by the harness, harness/stacks/spark/steps.ts) holds Spark SQL statements, already
rendered from the pipeline's files, and for a bronze job the topic to read:
  setup:   statements run once, first (tables, views)
  stream:  {bootstrap, topic, deadLetters, columns, checkpoint}: the topic read with an available-now
           trigger (earliest → latest offset at the start), each micro-batch's messages checked and
           parsed (trip_fields.py) into the temporary view `checked` (the trip's fields, reject_reason,
           ingestion_ts, kafka_partition, kafka_offset); rejects go to the dead-letter topic as JSON
           (raw_value, reason, source_partition, source_offset)
  batch:   statements run on each micro-batch, after `checked` is made (bronze's insert)
  finally: statements run last
A job's report says what it did and where its time went (seconds in setup, stream and finally, and
for a one-job application the session's start); a one-job application prints it as one line
`harness-job {...}`, for the harness to read.
"""
import json
import os
import sys
import time
import traceback

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from trip_fields import check

SPARK_TYPE = {"INTEGER": T.IntegerType(), "BIGINT": T.LongType(), "DOUBLE": T.DoubleType(), "VARCHAR": T.StringType(), "TIMESTAMP": T.TimestampNTZType()}


def run(spark, statements):
    for statement in statements:
        spark.sql(statement)


def checked_udf(columns):
    trip = T.StructType([T.StructField(c["name"], SPARK_TYPE[c["sqlType"]]) for c in columns])
    result = T.StructType([T.StructField("reject_reason", T.StringType()), T.StructField("trip", trip)])
    return F.udf(lambda text: check(text, columns), result)


def stream(spark, job, report):
    spec = job["stream"]
    parse = checked_udf(spec["columns"])
    messages = (
        spark.readStream.format("kafka")
        .option("kafka.bootstrap.servers", spec["bootstrap"])
        .option("subscribe", spec["topic"])
        .option("startingOffsets", "earliest")
        .option("failOnDataLoss", "false")
        .load()
    )

    def batch(frame, batch_id):
        frame = frame.select(
            F.col("value").cast("string").alias("raw_value"),
            F.col("partition").alias("kafka_partition"),
            F.col("offset").alias("kafka_offset"),
            F.col("timestamp").cast("timestamp_ntz").alias("ingestion_ts"),
        ).withColumn("parsed", parse(F.col("raw_value")))
        frame = frame.select("*", "parsed.reject_reason", "parsed.trip.*").drop("parsed").cache()
        # foreachBatch hands each batch in a session of the stream's own: views made there are seen there.
        frame.createOrReplaceTempView("checked")
        run(frame.sparkSession, job.get("batch", []))
        rejects = frame.where("reject_reason IS NOT NULL").select(
            F.to_json(F.struct(
                F.col("raw_value"), F.col("reject_reason").alias("reason"),
                F.col("kafka_partition").alias("source_partition"), F.col("kafka_offset").alias("source_offset"),
            )).alias("value")
        )
        rejects.write.format("kafka").option("kafka.bootstrap.servers", spec["bootstrap"]).option("topic", spec["deadLetters"]).save()
        report["batches"] += 1
        report["messages"] += frame.count()
        frame.unpersist()

    query = messages.writeStream.foreachBatch(batch).option("checkpointLocation", spec["checkpoint"]).trigger(availableNow=True).start()
    query.awaitTermination()
    if query.exception():
        raise query.exception()


def run_job(spark, job):
    """Runs one job in `spark`; returns its report (see the module's doc)."""
    report = {"batches": 0, "messages": 0, "seconds": {}}
    mark = time.time()

    def lap(name):
        nonlocal mark
        now = time.time()
        report["seconds"][name] = round(now - mark, 2)
        mark = now

    run(spark, job.get("setup", []))
    lap("setup")
    if job.get("stream"):
        stream(spark, job, report)
        lap("stream")
    run(spark, job.get("finally", []))
    lap("finally")
    return report


def session(name):
    started = time.time()
    spark = SparkSession.builder.appName(name).getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark, round(time.time() - started, 2)


def write_atomically(path, payload):
    with open(path + ".part", "w") as f:
        json.dump(payload, f)
    os.rename(path + ".part", path)


def serve(folder):
    spark, seconds = session(os.path.basename(folder))
    inbox, done = os.path.join(folder, "inbox"), os.path.join(folder, "done")
    os.makedirs(inbox, exist_ok=True)
    os.makedirs(done, exist_ok=True)
    write_atomically(os.path.join(folder, "ready"), {"session": seconds})
    while True:
        pending = sorted(f for f in os.listdir(inbox) if f.endswith(".json"))
        if not pending:
            time.sleep(0.2)
            continue
        for name in pending:
            with open(os.path.join(inbox, name)) as f:
                job = json.load(f)
            os.remove(os.path.join(inbox, name))
            try:
                result = {"ok": True, "report": run_job(spark.newSession(), job)}
            except Exception:  # the harness reports it; the application serves the next job
                result = {"ok": False, "error": traceback.format_exc()[-6000:]}
            write_atomically(os.path.join(done, name), result)


def main(path):
    with open(path) as f:
        job = json.load(f)
    spark, seconds = session(job.get("name", "harness-job"))
    report = run_job(spark, job)
    report["seconds"] = {"session": seconds, **report["seconds"]}
    spark.stop()
    print("harness-job " + json.dumps(report), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "--serve":
        serve(sys.argv[2])
    else:
        main(sys.argv[1])
