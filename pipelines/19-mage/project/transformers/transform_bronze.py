"""Bronze: every message checked and parsed by the harness's rules (trip_fields.py); what does not
fit goes to the dead-letter topic with the reason (raw_value, reason, source_partition,
source_offset), the rest on as bronze records (snake_case JSON) with their source position."""
import json
import os

import pandas as pd
from confluent_kafka import Producer
from trip_fields import bronze_record, check

if 'transformer' not in globals():
    from mage_ai.data_preparation.decorators import transformer


@transformer
def transform_bronze(raw, *args, **kwargs):
    columns = json.loads(os.environ['TRIP_FIELDS'])
    producer = Producer({'bootstrap.servers': kwargs['bootstrap_servers'], 'enable.idempotence': True, 'acks': 'all'})
    bronze, failed = [], []
    for row in raw.itertuples(index=False):
        reason, values = check(row.value or '', columns)
        if reason:
            letter = {'raw_value': row.value, 'reason': reason, 'source_partition': int(row.source_partition), 'source_offset': int(row.source_offset)}
            producer.produce(kwargs['dead_letters'], json.dumps(letter), on_delivery=lambda err, _m: err and failed.append(err))
        else:
            bronze.append({'record': json.dumps(bronze_record(values, columns)), 'source_partition': int(row.source_partition), 'source_offset': int(row.source_offset)})
    if producer.flush(60) or failed:
        raise RuntimeError(f'dead letters not acknowledged: {failed[:3]}')
    return pd.DataFrame(bronze, columns=['record', 'source_partition', 'source_offset'])
