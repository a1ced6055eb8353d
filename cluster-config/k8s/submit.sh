#!/usr/bin/env bash
# Submit a synthforge job to Kubernetes: K8S_API=https://api.cluster:6443 JAR_URI=s3a://bucket/synthforge-cluster.jar submit.sh <command> [options...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec spark-submit --master "k8s://${K8S_API:?set K8S_API to the API server URL}" --deploy-mode cluster \
  --properties-file "$here/spark-defaults.conf" \
  --class io.synthforge.jobs.SynthforgeCli "${JAR_URI:?set JAR_URI to the cluster jar in object storage}" "$@"
