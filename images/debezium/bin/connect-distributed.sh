#!/usr/bin/env bash
# Starts a Kafka Connect worker in distributed mode, as Kafka's connect-distributed.sh does
# (foreground only; kafka-run-class.sh is the kafka image's own, copied in by the spec).
if [ $# -lt 1 ]; then echo "USAGE: $0 connect-distributed.properties"; exit 1; fi
base_dir=$(cd "$(dirname "$0")/.." && pwd)
export KAFKA_LOG4J_OPTS=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$base_dir/config/connect-log4j2.properties}
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms256M -Xmx2G}
exec "$base_dir/bin/kafka-run-class.sh" -name connectDistributed org.apache.kafka.connect.cli.ConnectDistributed "$@"
