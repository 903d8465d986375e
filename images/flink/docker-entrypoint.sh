#!/usr/bin/env bash
# Entry of the forged Flink image, with the official flink image's interface:
#   jobmanager | taskmanager | standalone-job | history-server | sql-gateway | help | <any command>
# and its environment: JOB_MANAGER_RPC_ADDRESS (default: this host's name),
# TASK_MANAGER_NUMBER_OF_TASK_SLOTS, FLINK_PROPERTIES ("key: value" lines, written into
# conf/config.yaml through Flink's own config parser), ENABLE_BUILT_IN_PLUGINS, DISABLE_JEMALLOC.

JOB_MANAGER_RPC_ADDRESS=${JOB_MANAGER_RPC_ADDRESS:-$(hostname -f)}

drop_privs_cmd() {
  # Already unprivileged (e.g. started with --user): nothing to drop.
  if [ "$(id -u)" != 0 ]; then return; fi
  echo gosu flink
}

copy_plugins_if_required() {
  [ -z "${ENABLE_BUILT_IN_PLUGINS:-}" ] && return 0
  echo "Enabling required built-in plugins"
  for target_plugin in $(echo "$ENABLE_BUILT_IN_PLUGINS" | tr ';' ' '); do
    plugin_name=${target_plugin%.jar}
    if [ ! -e "${FLINK_HOME}/opt/${target_plugin}" ]; then
      echo "Plugin ${target_plugin} does not exist. Exiting."
      exit 1
    fi
    mkdir -p "${FLINK_HOME}/plugins/${plugin_name}"
    ln -fs "${FLINK_HOME}/opt/${target_plugin}" "${FLINK_HOME}/plugins/${plugin_name}"
    echo "Successfully enabled ${target_plugin}"
  done
}

# Flink 2.x keeps a nested YAML (config.yaml); its own parser (bin/config-parser-utils.sh) merges
# -Dkey=value pairs into it, so flat keys such as taskmanager.memory.process.size land correctly.
set_config_options() {
  local params=()
  while [ $# -gt 0 ]; do params+=("-D$1=$2"); shift 2; done
  if [ "${#params[@]}" -gt 0 ]; then
    "$FLINK_HOME/bin/config-parser-utils.sh" "$FLINK_HOME/conf" "$FLINK_HOME/bin" "$FLINK_HOME/lib" "${params[@]}"
  fi
}

process_flink_properties() {
  local opts=() prop key value
  local OLD_IFS="$IFS"
  IFS=$'\n'
  for prop in $1; do
    # As upstream: whitespace is dropped, the first ':' splits key and value, $VARS are expanded.
    prop=$(echo "$prop" | tr -d '[:space:]')
    [ -z "$prop" ] && continue
    IFS=':' read -r key value <<< "$prop"
    value=$(echo "$value" | envsubst)
    opts+=("$key" "$value")
  done
  IFS="$OLD_IFS"
  if [ "${#opts[@]}" -ne 0 ]; then set_config_options "${opts[@]}"; fi
}

prepare_configuration() {
  local opts=("jobmanager.rpc.address" "$JOB_MANAGER_RPC_ADDRESS" "blob.server.port" "6124" "query.server.port" "6125")
  if [ -n "${TASK_MANAGER_NUMBER_OF_TASK_SLOTS:-}" ]; then
    opts+=("taskmanager.numberOfTaskSlots" "$TASK_MANAGER_NUMBER_OF_TASK_SLOTS")
  fi
  set_config_options "${opts[@]}"
  if [ -n "${FLINK_PROPERTIES:-}" ]; then process_flink_properties "$FLINK_PROPERTIES"; fi
}

maybe_enable_jemalloc() {
  if [ "${DISABLE_JEMALLOC:-false}" = "false" ]; then
    local lib="/usr/lib/$(uname -m)-linux-gnu/libjemalloc.so.2"
    if [ -f "$lib" ]; then
      export LD_PRELOAD=${LD_PRELOAD:+$LD_PRELOAD:}$lib
    else
      echo "WARNING: jemalloc not found at $lib; glibc malloc is used instead."
    fi
  fi
}

maybe_enable_jemalloc
copy_plugins_if_required
prepare_configuration

args=("$@")
case "${1:-help}" in
  help)
    printf "Usage: %s (jobmanager|standalone-job|taskmanager|history-server|sql-gateway)\n    Or %s help\n" "$(basename "$0")" "$(basename "$0")"
    exit 0 ;;
  jobmanager)     echo "Starting Job Manager";     exec $(drop_privs_cmd) "$FLINK_HOME/bin/jobmanager.sh" start-foreground "${args[@]:1}" ;;
  standalone-job) echo "Starting Job Manager";     exec $(drop_privs_cmd) "$FLINK_HOME/bin/standalone-job.sh" start-foreground "${args[@]:1}" ;;
  history-server) echo "Starting History Server";  exec $(drop_privs_cmd) "$FLINK_HOME/bin/historyserver.sh" start-foreground "${args[@]:1}" ;;
  sql-gateway)    echo "Starting Sql Gateway";     exec $(drop_privs_cmd) "$FLINK_HOME/bin/sql-gateway.sh" start-foreground "${args[@]:1}" ;;
  taskmanager)    echo "Starting Task Manager";    exec $(drop_privs_cmd) "$FLINK_HOME/bin/taskmanager.sh" start-foreground "${args[@]:1}" ;;
esac

# Pass-through mode: run the given command as the flink user.
exec $(drop_privs_cmd) "${args[@]}"
