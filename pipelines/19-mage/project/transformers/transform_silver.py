"""Silver: silver-lite over each bronze record (the harness's silver_lite.py: distance and fare
>= 0, no dedup, the §3 columns, trip_id), as a DataFrame of the silver columns (money already in cents)."""
import json

import pandas as pd
from silver_lite import silver_row

if 'transformer' not in globals():
    from mage_ai.data_preparation.decorators import transformer

COLUMNS = ['trip_id', 'vendor_id', 'rate_code_id', 'pickup_location_id', 'dropoff_location_id', 'payment_type_id', 'passenger_count',
           'pickup_datetime', 'dropoff_datetime', 'trip_distance_miles', 'store_and_fwd_flag', 'fare_amount', 'extra_amount', 'mta_tax',
           'tip_amount', 'tolls_amount', 'improvement_surcharge', 'total_amount', 'congestion_surcharge', 'airport_fee', 'pickup_date']
INTS = ['vendor_id', 'rate_code_id', 'pickup_location_id', 'dropoff_location_id', 'payment_type_id', 'passenger_count']


@transformer
def transform_silver(bronze, *args, **kwargs):
    rows = [row for row in (silver_row(json.loads(r)) for r in bronze['record']) if row is not None]
    silver = pd.DataFrame(rows, columns=COLUMNS)
    # Nullable integers: a null must not turn the column into floats.
    return silver.astype({c: 'Int64' for c in INTS})
