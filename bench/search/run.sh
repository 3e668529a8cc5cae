#!/usr/bin/env bash
# The message browser's search and export on one embedded 1-node `tillstream up --no-console`, in one run:
#  1. raw_data (6 partitions) filled with N synthetic sales (`tillstream generate --rate max`, Avro, key the
#     invoice number);
#  2. read once by Apache Kafka's own ConsumerPerformance: the baseline records/s;
#  3. `tillstream console` in a JVM of its own with a bounded heap (-Xmx256m), so its memory is its own;
#  4. searched by the console's GET /api/v1/topics/raw_data/search, oldest first, budget N, with a filter
#     that matches nothing (so every record is scanned): once on the key only (the value is never decoded)
#     and once on a value field (every value decoded through the registry); records scanned/s of each, and
#     their ratio to ConsumerPerformance's (target >= 0.3);
#  5. exported by GET /api/v1/topics/raw_data/export as CSV and as JSON lines to a file: MB/s, records/s,
#     and the console's RSS sampled every 0.2 s, before and at its peak during each export (flat: the export
#     holds one fetch at a time).
# Everything shares the machine (2 cores here), so the load average is printed at the start and the end.
#
#   bench/search/run.sh [records]     default: 1000000
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
records=${1:-1000000}
port=29492
registry_port=29481
console_port=29421
bootstrap=127.0.0.1:$port
registry=http://127.0.0.1:$registry_port
console=http://127.0.0.1:$console_port

ensure_jar
cp=$(bench_classpath)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait; rm -rf "$work"' EXIT
echo "load at start: $(uptime)"

# `up` makes raw_data with 6 partitions.
"$root/tillstream" up --no-console --data-dir "$work/data" --kafka-port $port --controller-port $((port + 1)) \
  --registry-port $registry_port > "$work/up.out" 2>&1 &
wait_for_line "$work/up.out" "Tillstream is up" 90 >/dev/null || { cat "$work/up.out" >&2; exit 1; }

echo "Writing $records synthetic sales into raw_data..."
# shellcheck disable=SC2086 # java_opts (lib.sh) holds several options
java $java_opts -jar "$jar" generate --count "$records" --rate max --seed 1 \
  --bootstrap-server $bootstrap --registry-url $registry > "$work/fill.out" 2>&1
grep -E "^(Records/s|Bytes|Sent)" "$work/fill.out" || tail -n 5 "$work/fill.out"

echo
echo "ConsumerPerformance: $records records of raw_data"
perf=$(consumer_perf $bootstrap raw_data "$records")
echo "$perf"
perf_rate=$(echo "$perf" | awk -F', ' '{ print $6 }')

java -Xms64m -Xmx256m -XX:+UseG1GC -jar "$jar" console --bootstrap-server $bootstrap --registry-url $registry \
  --port $console_port > "$work/console.out" 2>&1 &
console_pid=$!
until curl -sf "$console/api/v1/topics/raw_data" >/dev/null; do
  kill -0 $console_pid 2>/dev/null || { cat "$work/console.out"; exit 1; }
  sleep 0.5
done

# Runs a search to its end and prints "seconds scanned outcome".
search() { # filter
  start=$(date +%s.%N)
  end_line=$(curl -sfG "$console/api/v1/topics/raw_data/search" --data-urlencode "filter=$1" \
    --data-urlencode direction=oldest --data-urlencode "budget=$records" | tail -n 1)
  seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
  echo "$seconds $(echo "$end_line" | jq -r '.scanned') $(echo "$end_line" | jq -r '.outcome')"
}
# One untimed search first: class loading and the JIT.
search 'key == "none"' > /dev/null
echo
printf '%-44s %12s %10s %8s\n' "search (oldest first, budget $records)" "records/s" "ratio" "outcome"
for filter in 'key == "none"' 'value.shopping_mall == "Nowhere"'; do
  read -r seconds scanned outcome <<< "$(search "$filter")"
  rate=$(echo "$scanned / $seconds" | bc -l)
  printf '%-44s %12.0f %10.3f %8s\n' "$filter" "$rate" "$(echo "$rate / $perf_rate" | bc -l)" "$outcome"
done
printf '%-44s %12.0f\n' "ConsumerPerformance" "$perf_rate"

echo
printf '%-10s %10s %10s %12s %14s %14s\n' "export" "MB" "MB/s" "records/s" "RSS before MB" "RSS peak MB"
for format in csv jsonl; do
  before=$(rss_mb $console_pid)
  : > "$work/rss"
  (while kill -0 $console_pid 2>/dev/null; do rss_mb $console_pid >> "$work/rss"; sleep 0.2; done) &
  sampler=$!
  start=$(date +%s.%N)
  curl -sf "$console/api/v1/topics/raw_data/export?format=$format" -o "$work/export.$format"
  seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
  kill $sampler; wait $sampler 2>/dev/null || true
  bytes=$(stat -c %s "$work/export.$format")
  rows=$(wc -l < "$work/export.$format")
  [ "$format" = csv ] && rows=$((rows - 1))
  [ "$rows" = "$records" ] || echo "warning: $rows rows exported, not $records" >&2
  printf '%-10s %10.1f %10.1f %12.0f %14d %14d\n' "$format" "$(echo "$bytes / 1048576" | bc -l)" \
    "$(echo "$bytes / 1048576 / $seconds" | bc -l)" "$(echo "$rows / $seconds" | bc -l)" "$before" "$(sort -n "$work/rss" | tail -n 1)"
done
echo
echo "load at end: $(uptime)"
