CONCAT_WS('|',
    CAST(VendorID AS STRING),
    DATE_FORMAT(tpep_pickup_datetime, 'yyyy-MM-dd HH:mm:ss'),
    DATE_FORMAT(tpep_dropoff_datetime, 'yyyy-MM-dd HH:mm:ss'),
    CAST(PULocationID AS STRING),
    CAST(DOLocationID AS STRING),
    CAST(CAST(fare_amount AS DECIMAL(10, 2)) AS STRING),
    CAST(CAST(total_amount AS DECIMAL(10, 2)) AS STRING))
