#!/usr/bin/env bash
# Three registry instances on one local Kafka: reads by ID from the leader and from a follower, and
# registrations through each (a follower forwards to the leader), with Debian's wrk; then the leader
# is killed (kill -9) and the time until a follower's registration succeeds again is the fail-over.
#
#   bench/registry/instances.sh [seconds-per-run] [connections] [baseline-jar]
#
# Kafka comes from `tillstream up` (its own registry is left out of the measure: the three instances
# keep their schemas in a topic and group of their own). With a baseline jar (an earlier build's
# cli/target/tillstream.jar), its `registry` runs beside them on a topic of its own and every load is
# run against it too, alternating, so each figure has its baseline from the same minutes.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
declare -A ids
seconds=${1:-15}
connections=${2:-8}
baseline_jar=${3:-}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
ensure_jar
work=$(mktemp -d)
trap 'kill -9 $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
kafka_port=47092
start_up $kafka_port 47081

pids=()
urls=()
for port in 47181 47182 47183; do
  java $java_opts -jar "$jar" registry --bootstrap-server 127.0.0.1:$kafka_port --timeout 60s --topic _schemas_bench \
    --group-id registry-bench --listeners http://127.0.0.1:$port > "$work/registry-$port.out" 2>&1 &
  pids+=($!)
  urls+=(http://127.0.0.1:$port)
done
if [ -n "$baseline_jar" ]; then
  java $java_opts -jar "$baseline_jar" registry --bootstrap-server 127.0.0.1:$kafka_port --timeout 60s --topic _schemas_baseline \
    --listeners http://127.0.0.1:47190 > "$work/registry-47190.out" 2>&1 &
  wait_for_line "$work/registry-47190.out" "is up" 60 >/dev/null || { cat "$work/registry-47190.out" >&2; exit 1; }
fi
for port in 47181 47182 47183; do
  wait_for_line "$work/registry-$port.out" "is up" 60 >/dev/null || { cat "$work/registry-$port.out" >&2; exit 1; }
done
leader=""
until [ -n "$leader" ]; do
  leader=$(curl -fsS "${urls[0]}/v1/metadata/id" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("leader",""))')
  sleep 0.2
done
follower=""
for i in 0 1 2; do
  if [ "${urls[$i]}" != "$leader" ] && [ -z "$follower" ]; then follower=${urls[$i]}; fi
  if [ "${urls[$i]}" = "$leader" ]; then leader_pid=${pids[$i]}; fi
done
echo "leader $leader, measured follower $follower"

baseline=http://127.0.0.1:47190
targets=(leader follower)
[ -n "$baseline_jar" ] && targets=(baseline leader follower)
schema='{"schema":"{\"type\":\"record\",\"name\":\"BenchSale\",\"fields\":[{\"name\":\"invoice_no\",\"type\":\"string\"}]}"}'
for target in "${targets[@]}"; do
  url=${!target}
  ids[$target]=$(curl -fsS -X POST -H 'Content-Type: application/vnd.schemaregistry.v1+json' --data "$schema" \
    "$url/subjects/bench-sale-value/versions" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  # warm-up, unmeasured
  wrk -t2 -c"$connections" -d5s "$url/schemas/ids/${ids[$target]}" >/dev/null
done

for round in 1 2; do
  for target in "${targets[@]}"; do
    url=${!target}
    echo "== round $round: GET /schemas/ids/${ids[$target]} on the $target, $connections connections, ${seconds}s"
    wrk -t2 -c"$connections" -d"${seconds}s" --latency "$url/schemas/ids/${ids[$target]}" | grep -E 'Requests/sec|Non-2xx|50%|99%'
  done
done
for target in "${targets[@]}"; do
  url=${!target}
  echo "== POST a new schema through the $target, $connections connections, ${seconds}s"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$(dirname "$0")/register.lua" "$url" | grep -E 'Requests/sec|Non-2xx|50%|99%'
done

echo "== fail-over: kill -9 the leader, then register through $follower until it answers 200"
killed=$(date +%s.%N)
kill -9 "$leader_pid"
n=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
    --data "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"AfterKill$n\\\",\\\"fields\\\":[]}\"}" \
    "$follower/subjects/after-kill-$n-value/versions")" = 200 ]; do
  n=$((n + 1))
  sleep 0.05
done
echo "first registration after the kill succeeded after $(echo "$(date +%s.%N) - $killed" | bc | cut -c1-5) s ($n refused before it)"
curl -fsS "$follower/v1/metadata/id"; echo
