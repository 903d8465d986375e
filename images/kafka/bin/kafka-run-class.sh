#!/usr/bin/env bash
# A small stand-in for Kafka's kafka-run-class.sh (the distribution tarball is not obtainable here,
# only the jars from Maven). It honours the same knobs the official scripts read: KAFKA_HEAP_OPTS,
# KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_GC_LOG_OPTS, KAFKA_LOG4J_OPTS, KAFKA_OPTS, KAFKA_JMX_OPTS/JMX_PORT,
# LOG_DIR, CLASSPATH (prepended), JAVA_HOME.
set -e
if [ $# -lt 1 ]; then echo "USAGE: $0 [-daemon] [-name servicename] [-loggc] classname [opts]"; exit 1; fi
base_dir=$(cd "$(dirname "$0")/.." && pwd)

# Flags kafka-server-start.sh passes; -daemon is not supported (containers run in the foreground).
while [ $# -gt 0 ]; do
  case "$1" in
    -name) shift 2 ;;
    -loggc) GC_LOG_ENABLED=true; shift ;;
    -daemon) shift ;;
    *) break ;;
  esac
done

LOG_DIR=${LOG_DIR:-$base_dir/logs}
mkdir -p "$LOG_DIR" 2>/dev/null || true
KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx256M}
KAFKA_JVM_PERFORMANCE_OPTS=${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true}
KAFKA_LOG4J_OPTS=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$base_dir/config/tools-log4j2.yaml}
if [ -n "$JMX_PORT" ]; then
  KAFKA_JMX_OPTS="${KAFKA_JMX_OPTS:--Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false} -Dcom.sun.management.jmxremote.port=$JMX_PORT"
fi
if [ "$GC_LOG_ENABLED" = true ]; then
  KAFKA_GC_LOG_OPTS=${KAFKA_GC_LOG_OPTS:--Xlog:gc*:file=$LOG_DIR/kafkaServer-gc.log:time,tags:filecount=10,filesize=100M}
fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

# shellcheck disable=SC2086 # option strings are word-split on purpose, as in the original script
exec "$JAVA" $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $KAFKA_GC_LOG_OPTS $KAFKA_JMX_OPTS \
  -Dkafka.logs.dir="$LOG_DIR" $KAFKA_LOG4J_OPTS \
  -cp "${CLASSPATH:+$CLASSPATH:}$base_dir/libs/*" $KAFKA_OPTS "$@"
