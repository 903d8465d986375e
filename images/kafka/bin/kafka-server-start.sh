#!/usr/bin/env bash
# Starts a broker/controller in the foreground, as Kafka's own kafka-server-start.sh does.
if [ $# -lt 1 ]; then echo "USAGE: $0 server.properties [--override property=value]*"; exit 1; fi
base_dir=$(cd "$(dirname "$0")/.." && pwd)
export KAFKA_LOG4J_OPTS=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$base_dir/config/log4j2.yaml}
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}
exec "$base_dir/bin/kafka-run-class.sh" -name kafkaServer -loggc kafka.Kafka "$@"
