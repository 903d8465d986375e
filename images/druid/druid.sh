#!/bin/bash
# The official image's entrypoint interface (druid.sh <service>): the service's configuration is
# copied to /tmp/conf and edited there —
#   DRUID_SINGLE_NODE_CONF=<layout>        conf/druid/single-server/<layout> (this image: nano-quickstart)
#   DRUID_CONFIG_COMMON / DRUID_CONFIG_<service>=<file>   replace common / the service's runtime.properties
#   ZOOKEEPER=<host>                        druid.zk.service.host
#   druid_<key>=<value>                     a property: "_" is ".", "__" is "_" (druid_zk_service_host)
#   DRUID_XMX, DRUID_XMS, DRUID_MAXNEWSIZE, DRUID_NEWSIZE, DRUID_MAXDIRECTMEMORYSIZE   jvm.config lines
#   DRUID_LOG4J / DRUID_LOG_LEVEL           the log4j2.xml, or its level
#   DRUID_SET_HOST_IP=0                     keep druid.host (default: this container's address)
#   JAVA_OPTS                               appended last, so they win
# then runs org.apache.druid.cli.Main server <service>.
set -e
SERVICE="$1"
[ -n "$SERVICE" ] || { echo "usage: druid.sh <coordinator|overlord|broker|historical|middleManager|router>" >&2; exit 2; }

rm -rf /tmp/conf && mkdir -p /tmp/conf && cp -r /opt/druid/conf/druid /tmp/conf/druid
if [ -z "$DRUID_SINGLE_NODE_CONF" ]; then
  echo "druid.sh: this image ships conf/druid/single-server/nano-quickstart only: set DRUID_SINGLE_NODE_CONF=nano-quickstart" >&2
  exit 2
fi
LAYOUT=/tmp/conf/druid/single-server/$DRUID_SINGLE_NODE_CONF
[ -d "$LAYOUT" ] || { echo "druid.sh: no layout $DRUID_SINGLE_NODE_CONF in conf/druid/single-server" >&2; exit 2; }
COMMON_CONF_DIR=$LAYOUT/_common
case "$SERVICE" in
  coordinator|overlord) SERVICE_CONF_DIR=$LAYOUT/coordinator-overlord ;;
  *) SERVICE_CONF_DIR=$LAYOUT/$SERVICE ;;
esac
COMMON_PROPS=$COMMON_CONF_DIR/common.runtime.properties
SERVICE_PROPS=$SERVICE_CONF_DIR/runtime.properties

# A key set here replaces the same key wherever the layout has it; it lands in the service's file.
setKey() {
  local key="$1" value="$2" escaped
  escaped=$(printf '%s' "$key" | sed 's/[.[\*^$/]/\\&/g')
  sed -i "/^${escaped}=/d" "$COMMON_PROPS"
  [ -f "$SERVICE_PROPS" ] && sed -i "/^${escaped}=/d" "$SERVICE_PROPS"
  local target="$SERVICE_PROPS"
  [ -f "$target" ] || target="$COMMON_PROPS"
  printf '\n%s=%s\n' "$key" "$value" >> "$target"
}

[ -n "$DRUID_CONFIG_COMMON" ] && cp "$DRUID_CONFIG_COMMON" "$COMMON_PROPS"
service_config_var="DRUID_CONFIG_${SERVICE}"
[ -n "${!service_config_var}" ] && cp "${!service_config_var}" "$SERVICE_PROPS"
[ -n "$ZOOKEEPER" ] && setKey druid.zk.service.host "$ZOOKEEPER"
if [ "${DRUID_SET_HOST_IP:-1}" = "1" ]; then
  setKey druid.host "$(hostname -i | awk '{print $1}')"
fi

while IFS= read -r name; do
  key=$(printf '%s' "$name" | sed -e 's/__/\x01/g' -e 's/_/./g' -e 's/\x01/_/g')
  setKey "$key" "${!name}"
done < <(compgen -e | grep '^druid_' || true)

JVM_CONFIG=$SERVICE_CONF_DIR/jvm.config
setJvm() { sed -i "/^$1/d" "$JVM_CONFIG"; echo "$1$2" >> "$JVM_CONFIG"; }
[ -n "$DRUID_XMX" ] && setJvm -Xmx "$DRUID_XMX"
[ -n "$DRUID_XMS" ] && setJvm -Xms "$DRUID_XMS"
[ -n "$DRUID_MAXNEWSIZE" ] && setJvm -XX:MaxNewSize= "$DRUID_MAXNEWSIZE"
[ -n "$DRUID_NEWSIZE" ] && setJvm -XX:NewSize= "$DRUID_NEWSIZE"
[ -n "$DRUID_MAXDIRECTMEMORYSIZE" ] && setJvm -XX:MaxDirectMemorySize= "$DRUID_MAXDIRECTMEMORYSIZE"
[ -n "$DRUID_LOG4J" ] && printf '%s\n' "$DRUID_LOG4J" > "$COMMON_CONF_DIR/log4j2.xml"
[ -n "$DRUID_LOG_LEVEL" ] && sed -i "s/\"info\"/\"$DRUID_LOG_LEVEL\"/g" "$COMMON_CONF_DIR/log4j2.xml"

JAVA_OPTS="-Ddruid.node.type=$SERVICE $(xargs < "$JVM_CONFIG") $JAVA_OPTS"
mkdir -p var/tmp var/druid/segments var/druid/indexing-logs var/druid/task var/druid/hadoop-tmp var/druid/segment-cache
# shellcheck disable=SC2086
exec bin/run-java $JAVA_OPTS -cp "$COMMON_CONF_DIR:$SERVICE_CONF_DIR:lib/*${DRUID_ADDITIONAL_CLASSPATH:+:$DRUID_ADDITIONAL_CLASSPATH}" org.apache.druid.cli.Main server "$@"
