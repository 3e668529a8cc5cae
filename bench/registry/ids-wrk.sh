#!/usr/bin/env bash
# Load test of GET /schemas/ids/{id}, the lookup every consumer makes, with keep-alive connections.
#
#   bench/registry/ids-wrk.sh [registry-url] [wrk options...]
#
# Starts nothing: point it at a running registry, for example one started with
#   ./mvnw -q -pl registry test-compile exec:java \
#     -Dexec.mainClass=io.tillstream.registry.RegistryBenchmarkServer -Dexec.classpathScope=test
# Registers the sale-like schema under bench-sale-value if needed, then runs Debian's wrk
# (apt-get install -y wrk). Default load: 2 threads, 32 connections, 15 s.
set -euo pipefail

url="${1:-http://127.0.0.1:8081}"
shift || true
wrk_options=("$@")
if [ ${#wrk_options[@]} -eq 0 ]; then
  wrk_options=(-t2 -c32 -d15s --latency)
fi

command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }

schema='{"type":"record","name":"Sale","namespace":"io.tillstream.retail","fields":[{"name":"invoice_no","type":"string"},{"name":"customer_id","type":"string"},{"name":"gender","type":"string"},{"name":"age","type":"int"},{"name":"category","type":"string"},{"name":"quantity","type":"int"},{"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}},{"name":"payment_method","type":"string"},{"name":"invoice_date","type":{"type":"int","logicalType":"date"}},{"name":"shopping_mall","type":"string"},{"name":"event_time","type":{"type":"long","logicalType":"timestamp-millis"},"default":0}]}'
body=$(printf '%s' "$schema" | python3 -c 'import json,sys; print(json.dumps({"schema": sys.stdin.read()}))')

answer=$(curl -fsS -X POST -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
  --data "$body" "$url/subjects/bench-sale-value/versions")
id=$(printf '%s' "$answer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "schema id $id; checking GET $url/schemas/ids/$id"
curl -fsS "$url/schemas/ids/$id" >/dev/null

wrk "${wrk_options[@]}" "$url/schemas/ids/$id"
