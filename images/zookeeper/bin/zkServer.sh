#!/bin/bash
# What the image's command needs of the distribution's zkServer.sh: `start-foreground` runs
# QuorumPeerMain on $ZOOCFGDIR/zoo.cfg in the foreground, logging to the console.
set -e
ZOOBINDIR="$(cd "$(dirname "$0")" && pwd)"
ZOOCFGDIR="${ZOOCFGDIR:-$ZOOBINDIR/../conf}"
ZOOCFG="$ZOOCFGDIR/${ZOOCFG:-zoo.cfg}"
case "$1" in
  start-foreground)
    exec java "-Dzookeeper.log.dir=${ZOO_LOG_DIR:-/logs}" -Dzookeeper.root.logger=INFO,CONSOLE \
      -XX:+HeapDumpOnOutOfMemoryError -XX:OnOutOfMemoryError='kill -9 %p' ${SERVER_JVMFLAGS} ${JVMFLAGS} \
      -cp "$ZOOBINDIR/../lib/*:$ZOOCFGDIR" org.apache.zookeeper.server.quorum.QuorumPeerMain "$ZOOCFG" ;;
  *) echo "usage: zkServer.sh start-foreground (this image's zkServer.sh supports only that)" >&2; exit 2 ;;
esac
