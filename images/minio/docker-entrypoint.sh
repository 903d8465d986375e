#!/bin/sh
# The official entrypoint's contract: any first argument other than "minio" is an argument to
# minio ("server /data" runs "minio server /data"). Commands in a running container use exec.
set -e
if [ "$#" -gt 0 ] && [ "$1" != minio ]; then
  set -- minio "$@"
fi
exec "$@"
