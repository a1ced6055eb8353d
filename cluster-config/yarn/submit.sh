#!/usr/bin/env bash
# Submit a synthforge job to YARN in cluster mode:
#   QUEUE=risk PRINCIPAL=svc-synth@REALM KEYTAB=/etc/security/svc-synth.keytab submit.sh <command> [options...]
# Kerberos principal/keytab and the queue are passed through to spark-submit, never stored in this repository.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${SYNTHFORGE_JAR:-$here/../../jobs/target/synthforge-jobs-0.1.0-SNAPSHOT-cluster.jar}"
args=(--master yarn --deploy-mode cluster --queue "${QUEUE:-default}" --properties-file "$here/spark-defaults.conf")
# Logging: synthforge's log4j2 settings, shipped into every container and read by the driver and the executors.
args+=(--files "$here/../local/log4j2.properties"
  --conf spark.driver.extraJavaOptions=-Dlog4j2.configurationFile=log4j2.properties
  --conf spark.executor.extraJavaOptions=-Dlog4j2.configurationFile=log4j2.properties)
if [[ -n "${PRINCIPAL:-}" ]]; then
  args+=(--principal "$PRINCIPAL" --keytab "${KEYTAB:?KEYTAB must name the keytab of PRINCIPAL}")
fi
exec spark-submit "${args[@]}" --class io.synthforge.jobs.SynthforgeCli "$jar" "$@"
