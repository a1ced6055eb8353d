#!/usr/bin/env bash
# tools/fraud/probe.sh CLASS ARGS...: compiles the analysis tools against the built jars' classpath (run
# `mvn -q -DskipTests package` first) and runs CLASS (FraudProbe or Sql); JAVA_OPTS passes -D options.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CP="$(cat "$ROOT/jobs/target/classpath-runtime.txt"):$(cat "$ROOT/jobs/target/classpath-provided.txt")"
OUT="${TMPDIR:-/tmp}/synthforge-fraud-tools"
mkdir -p "$OUT"
javac -nowarn -cp "$CP" -d "$OUT" "$ROOT/tools/fraud/FraudProbe.java" "$ROOT/tools/fraud/Sql.java"
CLASS=$1
shift
exec java -Xmx6g ${JAVA_OPTS:-} --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED -Dlog4j2.configurationFile="$ROOT/cluster-config/local/log4j2.properties" \
  -cp "$OUT:$CP" "$CLASS" "$@"
