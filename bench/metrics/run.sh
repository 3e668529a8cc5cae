#!/usr/bin/env bash
# What metrics cost, in one run on one embedded 1-node `tillstream up`:
#  1. generator: `tillstream generate --rate max --count N` without metrics ("off") and with --metrics-port
#     scraped every second ("on"), alternating, ROUNDS times each; records/s and the ratio on/off of the medians.
#  2. pipeline: raw_data pre-filled with N sales, processed from the start by `tillstream process` until its
#     totals count all N, ROUNDS times not scraped and ROUNDS times with /metrics scraped every second (each
#     run its own application id and state); records/s and the ratio on/off of the medians. The pipeline has
#     no switch for its metrics: nothing of them runs on a sale's path, the collectors run when scraped, so
#     "off" is an instance nobody scrapes. A scrape a second is fifteen times Prometheus' default interval.
#  3. scrape size and time: `tillstream demo --rate 100 --metrics-port` with TOPICS extra topics of 3
#     partitions (bench ConsoleContent, as bench/console/run.sh), 20 scrapes of each endpoint after one
#     untimed: bytes and the median and max time (curl's time_total), in both formats.
#
#   bench/metrics/run.sh [records] [rounds] [topics]     defaults: 1000000 3 200
#   SCRAPE_INTERVAL=15 bench/metrics/run.sh ...          scrapes every 15 s instead of every second
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
records=${1:-1000000}
rounds=${2:-3}
topics=${3:-200}
port=47092
registry_port=47081
http_port=47070
metrics_port=47404
# Seconds between scrapes while "on"; Prometheus' default is 15.
scrape_interval=${SCRAPE_INTERVAL:-1}
bootstrap=127.0.0.1:$port
registry=http://127.0.0.1:$registry_port

ensure_jar
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait; rm -rf "$work"' EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# Scrapes a URL every $scrape_interval seconds until killed.
scrape_periodically() { # url
  while true; do curl -sf -o /dev/null "$1" || true; sleep "$scrape_interval"; done
}

start_up $port $registry_port

echo
echo "Generator: generate --rate max --count $records, $rounds rounds off and on, alternating"
generate() { # output options...
  # shellcheck disable=SC2086 # java_opts (lib.sh) holds several options
  java $java_opts -jar "$jar" generate --rate max --count "$records" --seed 1 \
    --bootstrap-server $bootstrap --registry-url $registry "${@:2}" > "$1" 2>&1
  sed -n 's/^Records\/s: *\([0-9.,]*\).*/\1/p' "$1" | tr -d ','
}
for round in $(seq "$rounds"); do
  off=$(generate "$work/gen-off-$round.out")
  scrape_periodically "http://127.0.0.1:$metrics_port/metrics" &
  scraper=$!
  on=$(generate "$work/gen-on-$round.out" --metrics-port $metrics_port)
  kill $scraper; wait $scraper 2>/dev/null || true
  echo "  round $round: off $off records/s, on $on records/s"
  echo "$off" >> "$work/gen-off"; echo "$on" >> "$work/gen-on"
done
gen_off=$(median < "$work/gen-off"); gen_on=$(median < "$work/gen-on")
echo "  median: off $gen_off, on $gen_on records/s; ratio on/off $(echo "scale=3; $gen_on / $gen_off" | bc)"

echo
echo "Pipeline: process $records sales of raw_data from the start, $rounds rounds off and on, alternating"
"$root/tillstream" topics delete --topic raw_data --bootstrap-server $bootstrap >/dev/null
"$root/tillstream" topics create --topic raw_data --partitions 6 --bootstrap-server $bootstrap >/dev/null
generate "$work/fill.out" >/dev/null
counted() {
  curl -sf "http://127.0.0.1:$http_port/api/v1/sales/by-mall" 2>/dev/null | jq '[.rows[].invoices] | add // 0' 2>/dev/null || echo 0
}
process() { # name scrape(yes|no): prints records/s from the start of the process until all are counted
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  java $java_opts -jar "$jar" process --bootstrap-server $bootstrap --registry-url $registry --application-id "bench-$1" \
    --http-port $http_port --state-dir "$work/state-$1" > "$work/process-$1.out" 2>&1 &
  processor=$!
  wait_for_line "$work/process-$1.out" "Ctrl-C stops it" 120 >/dev/null || { cat "$work/process-$1.out" >&2; exit 1; }
  if [ "$2" = yes ]; then scrape_periodically "http://127.0.0.1:$http_port/metrics" & scraper=$!; fi
  while [ "$(counted)" -lt "$records" ]; do sleep 0.2; done
  end=$(date +%s.%N)
  if [ "$2" = yes ]; then kill $scraper; wait $scraper 2>/dev/null || true; fi
  kill -TERM $processor; wait $processor 2>/dev/null || true
  echo "$records / ($end - $start)" | bc
}
for round in $(seq "$rounds"); do
  off=$(process "off-$round" no)
  on=$(process "on-$round" yes)
  echo "  round $round: off $off records/s, on $on records/s"
  echo "$off" >> "$work/proc-off"; echo "$on" >> "$work/proc-on"
done
proc_off=$(median < "$work/proc-off"); proc_on=$(median < "$work/proc-on")
echo "  median: off $proc_off, on $proc_on records/s; ratio on/off $(echo "scale=3; $proc_on / $proc_off" | bc)"
kill -TERM %1 2>/dev/null || true
wait 2>/dev/null || true

echo
echo "Scrapes: demo --rate 100 --metrics-port with $topics extra topics of 3 partitions"
(cd "$root" && ./mvnw -q -B -f bench/pom.xml compile) >&2
cp="$root/bench/target/classes:$(bench_classpath)"
printf '<configuration><root level="WARN"/></configuration>\n' > "$work/logback.xml"
console_port=$((registry_port + 1))
# shellcheck disable=SC2086
java $java_opts -jar "$jar" demo --data-dir "$work/demo" --kafka-port $port --controller-port $((port + 1)) \
  --registry-port $registry_port --console-port $console_port --http-port $http_port --metrics-port $metrics_port \
  --rate 100 --seed 1 > "$work/demo.out" 2>&1 &
demo=$!
wait_for_line "$work/demo.out" "Ctrl-C stops it" 180 >/dev/null || { cat "$work/demo.out"; exit 1; }
java -Xmx512m -Dlogback.configurationFile="$work/logback.xml" -cp "$cp" io.tillstream.bench.console.ConsoleContent \
  $bootstrap $registry "$topics"
sleep 10
printf '  %-34s %-11s %9s %9s %9s %8s\n' endpoint format bytes "p50 ms" "max ms" series
for endpoint in "Control Center|http://127.0.0.1:$console_port/metrics" "up --metrics-port|http://127.0.0.1:$metrics_port/metrics" \
  "Schema Registry|$registry/metrics" "process|http://127.0.0.1:$http_port/metrics"; do
  name=${endpoint%%|*}; url=${endpoint#*|}
  for format in text openmetrics; do
    accept="text/plain"; [ $format = openmetrics ] && accept="application/openmetrics-text; version=1.0.0"
    curl -sf -H "Accept: $accept" -o /dev/null "$url"
    for i in $(seq 20); do curl -sf -H "Accept: $accept" -o "$work/scrape" -w '%{time_total}\n' "$url"; done > "$work/times"
    bytes=$(wc -c < "$work/scrape")
    series=$(grep -c '^[a-z]' "$work/scrape")
    p50=$(awk '{ print $1 * 1000 }' "$work/times" | median)
    max=$(awk '{ print $1 * 1000 }' "$work/times" | sort -n | tail -n 1)
    printf '  %-34s %-11s %9d %9.1f %9.1f %8d\n' "$name" $format "$bytes" "$p50" "$max" "$series"
  done
done
kill -TERM $demo; wait $demo 2>/dev/null || true
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
