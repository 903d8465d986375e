#!/bin/bash
# Entry of the forged Spark image, with the official image's interface: `driver` and `executor`
# (Kubernetes) run spark-submit and the executor backend with the SPARK_* environment the Kubernetes
# scheduler sets; any other command (a standalone master or worker through bin/spark-class,
# spark-submit, a shell) is run as given, under tini, as user spark.
set -eo pipefail

# An arbitrary uid (OpenShift, --user): give it a passwd entry so the JVM and Hadoop can name it.
if ! whoami &>/dev/null && [ -w /etc/passwd ]; then
  echo "$(id -u):x:$(id -u):$(id -g):anonymous uid:${SPARK_HOME}:/bin/false" >> /etc/passwd
fi

if [ -z "$JAVA_HOME" ]; then JAVA_HOME=$(java -XshowSettings:properties -version 2>&1 > /dev/null | grep 'java.home' | awk '{print $3}'); fi

SPARK_CLASSPATH="$SPARK_CLASSPATH:${SPARK_HOME}/jars/*"
if [ -n "$SPARK_EXTRA_CLASSPATH" ]; then SPARK_CLASSPATH="$SPARK_CLASSPATH:$SPARK_EXTRA_CLASSPATH"; fi
if [ -n "$PYSPARK_PYTHON" ]; then export PYSPARK_PYTHON; fi
if [ -n "$PYSPARK_DRIVER_PYTHON" ]; then export PYSPARK_DRIVER_PYTHON; fi

# Run as spark when started as root.
switch_spark_if_root() {
  if [ "$(id -u)" = 0 ]; then echo gosu spark; fi
}

case "$1" in
  driver)
    shift 1
    CMD=("$SPARK_HOME/bin/spark-submit" --conf "spark.driver.bindAddress=$SPARK_DRIVER_BIND_ADDRESS" --conf "spark.executorEnv.SPARK_DRIVER_POD_IP=$SPARK_DRIVER_BIND_ADDRESS" --deploy-mode client "$@")
    ;;
  executor)
    shift 1
    CMD=(${JAVA_HOME}/bin/java "${SPARK_EXECUTOR_JAVA_OPTS[@]}" -Xms"$SPARK_EXECUTOR_MEMORY" -Xmx"$SPARK_EXECUTOR_MEMORY" -cp "$SPARK_CLASSPATH:$SPARK_DIST_CLASSPATH"
      org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend --driver-url "$SPARK_DRIVER_URL" --executor-id "$SPARK_EXECUTOR_ID"
      --cores "$SPARK_EXECUTOR_CORES" --app-id "$SPARK_APPLICATION_ID" --hostname "$SPARK_EXECUTOR_POD_IP" --resourceProfileId "$SPARK_RESOURCE_PROFILE_ID"
      --podName "$SPARK_EXECUTOR_POD_NAME")
    ;;
  *)
    CMD=("$@")
    ;;
esac

exec $(switch_spark_if_root) /usr/bin/tini -s -- "${CMD[@]}"
