"""The pass's topic, bounded: every message from the earliest offset to each partition's end offset
when the block starts (as the Flink and Spark bronzes read it), with its partition and offset."""
import os
import time

import pandas as pd
from confluent_kafka import Consumer, KafkaError, TopicPartition

if 'data_loader' not in globals():
    from mage_ai.data_preparation.decorators import data_loader

TIMEOUT_S = 120


@data_loader
def load_from_kafka(*args, **kwargs):
    topic = kwargs['topic']
    consumer = Consumer({
        'bootstrap.servers': kwargs['bootstrap_servers'],
        'group.id': kwargs['group'],
        'enable.auto.commit': False,
        'enable.partition.eof': True,
    })
    try:
        partitions = sorted(consumer.list_topics(topic, timeout=30).topics[topic].partitions)
        ends = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=30)[1] for p in partitions}
        left = {p for p, end in ends.items() if end > 0}
        consumer.assign([TopicPartition(topic, p, 0) for p in sorted(left)])
        rows, deadline = [], time.monotonic() + TIMEOUT_S
        while left:
            if time.monotonic() > deadline:
                raise TimeoutError(f'{topic}: partitions {sorted(left)} not read to their end offsets {ends} within {TIMEOUT_S} s')
            msg = consumer.poll(1.0)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    left.discard(msg.partition())
                    continue
                raise RuntimeError(f'reading {topic}: {msg.error()}')
            if msg.offset() < ends[msg.partition()]:
                value = msg.value()
                rows.append({'value': None if value is None else value.decode('utf-8', errors='replace'), 'source_partition': msg.partition(), 'source_offset': msg.offset()})
            if msg.offset() + 1 >= ends[msg.partition()]:
                left.discard(msg.partition())
        return pd.DataFrame(rows, columns=['value', 'source_partition', 'source_offset'])
    finally:
        consumer.close()
