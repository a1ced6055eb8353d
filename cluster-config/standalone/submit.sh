#!/usr/bin/env bash
# Submit a synthforge job to a standalone cluster: submit.sh spark://master:7077 <command> [options...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
master="$1"; shift
jar="${SYNTHFORGE_JAR:-$here/../../jobs/target/synthforge-jobs-0.1.0-SNAPSHOT-cluster.jar}"
exec spark-submit --master "$master" --deploy-mode client \
  --properties-file "$here/spark-defaults.conf" \
  --driver-java-options "-Dlog4j2.configurationFile=$here/../local/log4j2.properties" \
  --class io.synthforge.jobs.SynthforgeCli "$jar" "$@"
