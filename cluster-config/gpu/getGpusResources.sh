#!/usr/bin/env bash
# Spark GPU discovery script: prints the executor's GPU addresses as Spark's ResourceInformation JSON.
set -euo pipefail
addresses=$(nvidia-smi --query-gpu=index --format=csv,noheader | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n/","/g')
echo "{\"name\": \"gpu\", \"addresses\": [\"$addresses\"]}"
