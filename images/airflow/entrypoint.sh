#!/usr/bin/env bash
# The official image's entrypoint interface (its documentation, "Entrypoint"): wait for the metadata
# database, optionally migrate it (_AIRFLOW_DB_MIGRATE) and create an admin user
# (_AIRFLOW_WWW_USER_CREATE with _AIRFLOW_WWW_USER_USERNAME / _PASSWORD), then run `bash` or
# `python` as given, or any other command as an airflow subcommand (`webserver`, `scheduler` …).
set -euo pipefail

# An arbitrary uid (docker run --user): give it a passwd entry, as the official image does.
if ! whoami &>/dev/null && [[ -w /etc/passwd ]]; then
  echo "${USER_NAME:-default}:x:$(id -u):0:${USER_NAME:-default} user:${AIRFLOW_USER_HOME_DIR}:/sbin/nologin" >> /etc/passwd
fi

if [[ -n "${AIRFLOW__DATABASE__SQL_ALCHEMY_CONN:-}" && "${CONNECTION_CHECK_MAX_COUNT:-20}" -gt 0 ]]; then
  for attempt in $(seq 1 "${CONNECTION_CHECK_MAX_COUNT:-20}"); do
    if airflow db check >/dev/null 2>&1; then break; fi
    if [[ "${attempt}" == "${CONNECTION_CHECK_MAX_COUNT:-20}" ]]; then echo "ERROR: the metadata database cannot be reached" >&2; exit 1; fi
    sleep "${CONNECTION_CHECK_SLEEP_TIME:-3}"
  done
fi
if [[ "${_AIRFLOW_DB_MIGRATE:-false}" == "true" ]]; then airflow db migrate; fi
if [[ "${_AIRFLOW_WWW_USER_CREATE:-false}" == "true" ]]; then
  airflow users create --role Admin --username "${_AIRFLOW_WWW_USER_USERNAME:-admin}" --password "${_AIRFLOW_WWW_USER_PASSWORD}" \
    --firstname "${_AIRFLOW_WWW_USER_FIRSTNAME:-Airflow}" --lastname "${_AIRFLOW_WWW_USER_LASTNAME:-Admin}" --email "${_AIRFLOW_WWW_USER_EMAIL:-airflowadmin@example.com}"
fi

command="${1:-}"
if [[ "${command}" == "bash" || "${command}" == "python" ]]; then exec "$@"; fi
if [[ "${command}" == "airflow" ]]; then shift; fi
exec airflow "$@"
