"""silver-lite (pipelines.md §2) for one bronze record (bronze_record()'s snake_case fields): kept
when trip_distance >= 0 and fare_amount >= 0 (None fails both), no timestamp condition, no dedup;
then the silver columns of §3 as JSON-ready values. Money rounds half away from zero on the decimal
value as written (repr: the shortest text of the double, 12.345 -> 12.35); trip_id is the md5 of the
natural key, nulls left out as SQL's concat_ws does.
"""
import hashlib
from decimal import ROUND_HALF_UP, Decimal

MONEY = {
    "fare_amount": "fare_amount", "extra_amount": "extra", "mta_tax": "mta_tax", "tip_amount": "tip_amount",
    "tolls_amount": "tolls_amount", "improvement_surcharge": "improvement_surcharge", "total_amount": "total_amount",
    "congestion_surcharge": "congestion_surcharge", "airport_fee": "airport_fee",
}
COPIED = {
    "vendor_id": "vendor_id", "rate_code_id": "ratecode_id", "pickup_location_id": "pu_location_id",
    "dropoff_location_id": "do_location_id", "payment_type_id": "payment_type", "passenger_count": "passenger_count",
    "pickup_datetime": "tpep_pickup_datetime", "dropoff_datetime": "tpep_dropoff_datetime",
    "trip_distance_miles": "trip_distance", "store_and_fwd_flag": "store_and_fwd_flag",
}


def cents(x):
    """A double rounded to cents as a Decimal (None stays None); -0.00 is 0.00, as in SQL's DECIMAL."""
    if x is None:
        return None
    d = Decimal(repr(float(x))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return d.copy_abs() if d == 0 else d


def natural_key(b):
    parts = [
        b["vendor_id"],
        None if b["tpep_pickup_datetime"] is None else b["tpep_pickup_datetime"].replace("T", " "),
        None if b["tpep_dropoff_datetime"] is None else b["tpep_dropoff_datetime"].replace("T", " "),
        b["pu_location_id"], b["do_location_id"], cents(b["fare_amount"]), cents(b["total_amount"]),
    ]
    return "|".join(str(p) for p in parts if p is not None)


def kept(b):
    return b["trip_distance"] is not None and b["trip_distance"] >= 0 and b["fare_amount"] is not None and b["fare_amount"] >= 0


def silver_row(b):
    """The silver row of bronze record `b`, or None when silver-lite drops it."""
    if not kept(b):
        return None
    row = {"trip_id": hashlib.md5(natural_key(b).encode("utf-8")).hexdigest()}
    row.update({name: b[source] for name, source in COPIED.items()})
    row["trip_distance_miles"] = float(row["trip_distance_miles"])
    row.update({name: None if cents(b[source]) is None else float(cents(b[source])) for name, source in MONEY.items()})
    row["pickup_date"] = None if b["tpep_pickup_datetime"] is None else b["tpep_pickup_datetime"][:10]
    return row
