#!/bin/bash
# Entry of the forged Debezium Connect image, with quay.io/debezium/connect's interface:
#   start (default) → a Kafka Connect worker in distributed mode; anything else runs as a command.
# Environment as upstream: BOOTSTRAP_SERVERS, GROUP_ID, CONFIG_STORAGE_TOPIC, OFFSET_STORAGE_TOPIC,
# STATUS_STORAGE_TOPIC, KEY_CONVERTER, VALUE_CONVERTER, REST_PORT, REST_HOST_NAME,
# ADVERTISED_HOST_NAME, ADVERTISED_PORT, OFFSET_FLUSH_INTERVAL_MS, OFFSET_FLUSH_TIMEOUT_MS,
# SHUTDOWN_TIMEOUT, HEAP_OPTS, LOG_LEVEL, and CONNECT_<NAME>=value for any worker property
# (CONNECT_ stripped, lower-cased, '_' → '.'). Apicurio, Jolokia, OpenTelemetry, JFR are left out.
set -e

if [[ -z "$BOOTSTRAP_SERVERS" ]]; then
  # Legacy container links (KAFKA_PORT_9092_TCP=tcp://host:port), as upstream.
  BOOTSTRAP_SERVERS=$(env | grep '.*PORT_9092_TCP=' | sed -e 's|.*tcp://||' | uniq | paste -sd ,)
fi
if [[ -z "$BOOTSTRAP_SERVERS" ]]; then export BOOTSTRAP_SERVERS=0.0.0.0:9092; fi
echo "Using BOOTSTRAP_SERVERS=$BOOTSTRAP_SERVERS"

# Upstream reads the address from `ip addr` (iproute2 is not in this image); hostname -i is the same.
if [[ -z "$HOST_NAME" ]]; then HOST_NAME=$(hostname -i | cut -d' ' -f1); fi

: "${REST_PORT:=8083}"
: "${REST_HOST_NAME:=$HOST_NAME}"
: "${ADVERTISED_PORT:=8083}"
: "${ADVERTISED_HOST_NAME:=$HOST_NAME}"
: "${GROUP_ID:=1}"
: "${OFFSET_FLUSH_INTERVAL_MS:=60000}"
: "${OFFSET_FLUSH_TIMEOUT_MS:=5000}"
: "${SHUTDOWN_TIMEOUT:=10000}"
: "${KEY_CONVERTER:=org.apache.kafka.connect.json.JsonConverter}"
: "${VALUE_CONVERTER:=org.apache.kafka.connect.json.JsonConverter}"

export CONNECT_REST_ADVERTISED_PORT=$ADVERTISED_PORT
export CONNECT_REST_ADVERTISED_HOST_NAME=$ADVERTISED_HOST_NAME
export CONNECT_REST_PORT=$REST_PORT
export CONNECT_REST_HOST_NAME=$REST_HOST_NAME
export CONNECT_BOOTSTRAP_SERVERS=$BOOTSTRAP_SERVERS
export CONNECT_GROUP_ID=$GROUP_ID
export CONNECT_CONFIG_STORAGE_TOPIC=$CONFIG_STORAGE_TOPIC
export CONNECT_OFFSET_STORAGE_TOPIC=$OFFSET_STORAGE_TOPIC
if [[ -n "$STATUS_STORAGE_TOPIC" ]]; then export CONNECT_STATUS_STORAGE_TOPIC=$STATUS_STORAGE_TOPIC; fi
export CONNECT_KEY_CONVERTER=$KEY_CONVERTER
export CONNECT_VALUE_CONVERTER=$VALUE_CONVERTER
export CONNECT_TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS=$SHUTDOWN_TIMEOUT
export CONNECT_OFFSET_FLUSH_INTERVAL_MS=$OFFSET_FLUSH_INTERVAL_MS
export CONNECT_OFFSET_FLUSH_TIMEOUT_MS=$OFFSET_FLUSH_TIMEOUT_MS
if [[ -n "$HEAP_OPTS" ]]; then export KAFKA_HEAP_OPTS=$HEAP_OPTS; fi
unset HOST_NAME REST_PORT REST_HOST_NAME ADVERTISED_PORT ADVERTISED_HOST_NAME GROUP_ID \
  OFFSET_FLUSH_INTERVAL_MS OFFSET_FLUSH_TIMEOUT_MS SHUTDOWN_TIMEOUT KEY_CONVERTER VALUE_CONVERTER HEAP_OPTS

if [ -z "$CONNECT_PLUGIN_PATH" ]; then export CONNECT_PLUGIN_PATH=$KAFKA_CONNECT_PLUGINS_DIR; fi
echo "Plugins are loaded from $CONNECT_PLUGIN_PATH"

if [[ -n "$JMXPORT" && -n "$JMXHOST" ]]; then
  export KAFKA_JMX_OPTS="-Djava.rmi.server.hostname=${JMXHOST} -Dcom.sun.management.jmxremote.rmi.port=${JMXPORT} -Dcom.sun.management.jmxremote.port=${JMXPORT} -Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=${JMXAUTH:-false} -Dcom.sun.management.jmxremote.ssl=${JMXSSL:-false}"
fi

mkdir -p "$KAFKA_DATA"

case $1 in
  start)
    for v in CONNECT_BOOTSTRAP_SERVERS:BOOTSTRAP_SERVERS CONNECT_GROUP_ID:GROUP_ID \
             CONNECT_CONFIG_STORAGE_TOPIC:CONFIG_STORAGE_TOPIC CONNECT_OFFSET_STORAGE_TOPIC:OFFSET_STORAGE_TOPIC; do
      var=${v%%:*}
      if [[ -z "${!var}" ]]; then echo "The ${v#*:} variable must be set."; exit 1; fi
    done
    if [[ -z "$CONNECT_STATUS_STORAGE_TOPIC" ]]; then
      echo "WARNING: STATUS_STORAGE_TOPIC is not set; the default 'connect-status' is used."
    fi

    # Keep configs a user mounted into /kafka/config; fill in the rest from the image's originals.
    cp -rn "$KAFKA_HOME"/config.orig/* "$KAFKA_HOME"/config

    if [[ -n "$LOG_LEVEL" ]]; then
      sed -i -r -e "s|^(rootLogger.level) = .*|\1 = ${LOG_LEVEL}|" "$KAFKA_HOME/config/connect-log4j2.properties"
    fi
    export KAFKA_LOG4J_OPTS="-Dlog4j2.configurationFile=$KAFKA_HOME/config/connect-log4j2.properties"

    # Every CONNECT_* variable becomes a worker property, replacing the line that sets it if any.
    props="$KAFKA_HOME/config/connect-distributed.properties"
    while IFS='=' read -r env_var prop_value; do
      [[ $env_var =~ ^CONNECT_ ]] || continue
      prop_name=$(echo "${env_var#CONNECT_}" | tr '[:upper:]' '[:lower:]' | tr _ .)
      grep -vE "^#?${prop_name//./\\.}=" "$props" > "$props.tmp" || true
      echo "${prop_name}=${prop_value}" >> "$props.tmp"
      mv "$props.tmp" "$props"
      echo "--- Setting property from $env_var: $prop_name=$([[ $env_var == *PASSWORD* || $env_var == *JAAS* ]] && echo '[hidden]' || echo "$prop_value")"
    done < <(env)

    exec "$KAFKA_HOME/bin/connect-distributed.sh" "$props"
    ;;
esac

# Otherwise run the given command.
exec "$@"
