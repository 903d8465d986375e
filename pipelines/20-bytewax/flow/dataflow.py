"""P20's Bytewax dataflow: raw trips -> bronze (snake_case JSON; malformed messages to the dead-letter
topic with the reason) -> silver (silver-lite, trip_id, and the trip's duration in fractional
minutes), as two inputs of one dataflow joined by the bronze topic.

Offsets: Bytewax keeps its own in its recovery snapshots (run with -r/-s/-b); the consumer group
(APPLICATION_ID) only gets what was read, committed by librdkafka, for the harness's lag checks.
Delivery is at-least-once across a restart, as Bytewax documents; a run without one writes each
row once, which the silver check's count and checksum show.
"""
import json
import os
from datetime import datetime

from bytewax import operators as op
from bytewax.connectors.kafka import KafkaSink, KafkaSinkMessage, KafkaSource
from bytewax.dataflow import Dataflow

from silver_lite import silver_row
from trip_fields import bronze_record, check

ENV = os.environ
BROKERS = [ENV["KAFKA_BOOTSTRAP_SERVERS"]]
COLUMNS = json.loads(ENV["TRIP_FIELDS"])
GROUP = {"group.id": ENV["APPLICATION_ID"], "enable.auto.commit": "true", "auto.commit.interval.ms": "200"}


def to_bronze(msg):
    text = "" if msg.value is None else msg.value.decode("utf-8", errors="replace")
    reason, values = check(text, COLUMNS)
    if reason:
        letter = {"raw_value": text, "reason": reason, "source_topic": msg.topic, "source_partition": msg.partition, "source_offset": msg.offset}
        return KafkaSinkMessage(msg.key, json.dumps(letter), topic=ENV["TOPIC_DLQ"])
    return KafkaSinkMessage(msg.key, json.dumps(bronze_record(values, COLUMNS)), topic=ENV["TOPIC_BRONZE"])


def minutes(start, end):
    if start is None or end is None:
        return None
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() / 60


def to_silver(msg):
    row = silver_row(json.loads(msg.value))
    if row is None:
        return None
    row["trip_duration_minutes"] = minutes(row["pickup_datetime"], row["dropoff_datetime"])
    return KafkaSinkMessage(row["trip_id"], json.dumps(row))


flow = Dataflow("p20_trips")
raw = op.input("raw", flow, KafkaSource(BROKERS, [ENV["TOPIC_INPUT"]], add_config=GROUP))
op.output("bronze_out", op.map("bronze", raw, to_bronze), KafkaSink(BROKERS, topic=None))
bronze = op.input("bronze_in", flow, KafkaSource(BROKERS, [ENV["TOPIC_BRONZE"]], add_config=GROUP))
op.output("silver_out", op.filter_map("silver", bronze, to_silver), KafkaSink(BROKERS, topic=ENV["TOPIC_SILVER"]))
