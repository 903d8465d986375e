"""P21's entities and feature views: per trip (trip_id) and per pickup location (its day's aggregates)."""
from datetime import timedelta

from feast import Entity, FeatureView, Field, FileSource, ValueType
from feast.types import Float64, Int64

trip = Entity(name="trip", join_keys=["trip_id"], value_type=ValueType.STRING, description="A silver trip (its trip_id).")
pickup_location = Entity(name="pickup_location", join_keys=["pickup_location_id"], value_type=ValueType.INT64, description="A TLC taxi zone where trips start.")

trip_features = FeatureView(
    name="trip_features",
    entities=[trip],
    # Online reads do not enforce ttl; it bounds point-in-time joins. A trip's values never change.
    ttl=timedelta(days=366),
    schema=[
        Field(name="fare_amount", dtype=Float64),
        Field(name="tip_amount", dtype=Float64),
        Field(name="total_amount", dtype=Float64),
        Field(name="trip_distance_miles", dtype=Float64),
        Field(name="trip_duration_minutes", dtype=Float64),
        Field(name="passenger_count", dtype=Int64),
    ],
    source=FileSource(name="trip_features_source", path="data/trip_features.parquet", timestamp_field="event_timestamp"),
    online=True,
)

location_features = FeatureView(
    name="location_features",
    entities=[pickup_location],
    ttl=timedelta(days=366),
    schema=[
        Field(name="trips", dtype=Int64),
        Field(name="avg_fare", dtype=Float64),
        Field(name="avg_distance_miles", dtype=Float64),
        Field(name="revenue", dtype=Float64),
    ],
    source=FileSource(name="location_features_source", path="data/location_features.parquet", timestamp_field="event_timestamp"),
    online=True,
)
