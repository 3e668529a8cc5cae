#!/usr/bin/env bash
# `tillstream process` on one embedded 1-node `tillstream up`, in one run:
#  1. throughput: raw_data pre-filled with N sales (`tillstream generate --rate max`), read once by Apache
#     Kafka's own ConsumerPerformance and once processed by the pipeline (validate, enrich to sales_enriched,
#     aggregate, exactly-once) from the start of the process until the aggregates count all N sales
#     (polling /api/v1/sales/by-mall); prints both records/s and their ratio. Between the two, the floor of any
#     exactly-once Kafka Streams application here (StreamsFloor.java): reading and counting, and copying each
#     record to another topic, as writing sales_enriched must. The ratios the targets name take each side from
#     the launch of its JVM; each tool's own timing (ConsumerPerformance from its consumer's start, the floor from
#     its Streams' start) is printed beside them.
#  2. latency: the same processor, caught up, while the generator sends 1,000 sales/s for a minute: the
#     pipeline's histogram of now - event_time when each sale reaches the aggregation (/api/v1/metrics/latency).
#
#   bench/pipeline/run.sh [records] [stream-threads] [latency-seconds]     defaults: 2000000 1 60
#
# PROCESS_JFR=file.jfr records a JFR profile (settings=profile) of the `tillstream process` JVM over the whole run;
# read the stream thread's samples with `jfr print --events jdk.ExecutionSample --stack-depth 80 file.jfr`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
records=${1:-2000000}
threads=${2:-1}
latency_seconds=${3:-60}
port=39392
registry_port=39381
http_port=39370

ensure_jar
cp=$(bench_classpath)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait; rm -rf "$work"' EXIT
bootstrap=127.0.0.1:$port
registry=http://127.0.0.1:$registry_port
api=http://127.0.0.1:$http_port

start_up $port $registry_port
# CPU seconds (user + system) a process has used so far: on a shared machine, what each side cost is steadier than
# how long it took, so the broker's and each client's CPU are reported beside the rates.
broker=$(ss -ltnpH "sport = :$port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)

# `process` runs through ./tillstream, as a user runs it, so with its class-data sharing archive; one untimed run
# first (on the empty topic, with its own application id) writes that archive as it exits, as a user's first run does.
"$root/tillstream" process --bootstrap-server $bootstrap --registry-url $registry --http-port $http_port \
  --application-id bench-warm-up --state-dir "$work/warm-up" > "$work/warm-up.out" 2>&1 &
warm_up=$!
wait_for_line "$work/warm-up.out" "Ctrl-C stops it" 120 >/dev/null || { cat "$work/warm-up.out"; exit 1; }
kill -TERM $warm_up
wait $warm_up || true

echo "Pre-filling raw_data (6 partitions) with $records sales..."
# shellcheck disable=SC2086 # java_opts (lib.sh) holds several options
java $java_opts -jar "$jar" generate --rate max --count "$records" --seed 1 \
  --bootstrap-server $bootstrap --registry-url $registry > "$work/fill.out" 2>&1
grep -E "^(Records/s|Bytes):" "$work/fill.out" || true

echo
echo "ConsumerPerformance: $records records of raw_data"
perf_launch=$(date +%s.%N)
perf=$(consumer_perf $bootstrap raw_data "$records")
echo "$perf"
# Every contender is also timed the same way, from the launch of its JVM until it has seen the last record:
# ConsumerPerformance times itself from its consumer's start, the floor from its Streams' start, `process` only from
# its launch (its ready line comes after Streams' first rebalance and restoration).
perf_end=$(date -d "$(echo "$perf" | awk -F', ' '{ print $2 }' | sed 's/:\([0-9]*\)$/.\1/')" +%s.%N)
perf_launch_rate=$(echo "$records / ($perf_end - $perf_launch)" | bc -l)
# start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
perf_rate=$(echo "$perf" | awk -F', ' '{ print $6 }')
perf_fetch_rate=$(echo "$perf" | awk -F', ' '{ print $10 }')

echo
echo "Kafka Streams floor (exactly_once_v2, no work of ours): counting, then copying every record"
"$root/tillstream" topics create --topic raw_data-copy --partitions 6 --bootstrap-server $bootstrap >/dev/null
javac -cp "$jar" -d "$work/floor-classes" "$here/StreamsFloor.java"
floor() { # count|copy: prints its result line, and its records/s from its JVM's launch to $work/floor-$1.launch-rate
  broker_before=$(cpu_seconds "$broker")
  launch=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$work/floor-$1.cpu" java $java_opts -Dlogback.configurationFile="$work/logback.xml" \
    -cp "$jar:$work/floor-classes" StreamsFloor $bootstrap raw_data "$records" "$1" 2>/dev/null > "$work/floor-$1.out"
  echo "$(awk '{ printf "%.1f", $1 + $2 }' "$work/floor-$1.cpu") $(echo "$(cpu_seconds "$broker") - $broker_before" | bc)" \
    > "$work/floor-$1.cpus"
  finished=$(sed -n 's/^finished at ms //p' "$work/floor-$1.out")
  echo "$records / ($finished / 1000 - $launch)" | bc -l > "$work/floor-$1.launch-rate"
  grep ' records/s$' "$work/floor-$1.out"
}
floor_count=$(floor count)
floor_copy=$(floor copy)
echo "$floor_count   (CPU s: app, broker: $(cat "$work/floor-count.cpus"))"
echo "$floor_copy   (CPU s: app, broker: $(cat "$work/floor-copy.cpus"))"
floor_count_rate=$(echo "$floor_count" | sed -n 's/.*: \([0-9]*\) records\/s$/\1/p')
floor_copy_rate=$(echo "$floor_copy" | sed -n 's/.*: \([0-9]*\) records\/s$/\1/p')
floor_copy_launch_rate=$(cat "$work/floor-copy.launch-rate")

counted() {
  curl -sf "$api/api/v1/sales/by-mall" 2>/dev/null | jq '[.rows[].invoices] | add // 0' 2>/dev/null || echo 0
}

echo
echo "tillstream process ($threads stream thread(s), exactly_once_v2${STREAMS_SETTINGS:+, $STREAMS_SETTINGS}): $records sales"
# More Kafka Streams settings (one per line, e.g. commit.interval.ms=1000) can come in $STREAMS_SETTINGS.
printf 'num.stream.threads=%s\n%s\n' "$threads" "${STREAMS_SETTINGS:-}" > "$work/streams.properties"
start=$(date +%s.%N)
broker_before=$(cpu_seconds "$broker")
# With the launcher's own options for `process` (TILLSTREAM_JAVA_OPTS replaces them when set), and JFR's beside them.
process_java_opts=${TILLSTREAM_JAVA_OPTS:-}
if [ -n "${PROCESS_JFR:-}" ]; then
  process_java_opts="${TILLSTREAM_JAVA_OPTS:-$java_opts $start_jit_opts} -XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$PROCESS_JFR"
fi
TILLSTREAM_JAVA_OPTS="$process_java_opts" \
  "$root/tillstream" process --bootstrap-server $bootstrap --registry-url $registry \
  --http-port $http_port --state-dir "$work/state" --command-config "$work/streams.properties" > "$work/process.out" 2>&1 &
processor=$!
wait_for_line "$work/process.out" "Ctrl-C stops it" 120 >/dev/null
ready=$(date +%s.%N)
while [ "$(counted)" -lt "$records" ]; do
  kill -0 $processor 2>/dev/null || { cat "$work/process.out"; exit 1; }
  sleep 0.2
done
done_at=$(date +%s.%N)
process_cpu=$(cpu_seconds $processor)
threads_cpu=$(thread_cpu $processor)
broker_cpu=$(echo "$(cpu_seconds "$broker") - $broker_before" | bc)
rate_all=$(echo "$records / ($done_at - $start)" | bc -l)
rate_running=$(echo "$records / ($done_at - $ready)" | bc -l)
printf 'launch to ready: %.1f s; ready to all %s aggregated: %.1f s\n' "$(echo "$ready - $start" | bc -l)" "$records" \
  "$(echo "$done_at - $ready" | bc -l)"
echo "dead letters: $(curl -s "$api/api/v1/sales/dead-letters")"
echo "CPU s from start to all aggregated: process $process_cpu, broker $broker_cpu"
echo "of which the process's live threads (CPU s, by name):"
echo "$threads_cpu"

echo
printf '%-48s %12s\n' "" "records/s"
printf '%-48s %12.0f\n' "ConsumerPerformance (as it times itself)" "$perf_rate"
printf '%-48s %12.0f\n' "ConsumerPerformance (fetch time only)" "$perf_fetch_rate"
printf '%-48s %12.0f\n' "ConsumerPerformance (from JVM launch)" "$perf_launch_rate"
printf '%-48s %12.0f\n' "Kafka Streams EOS, count only (from Streams start)" "$floor_count_rate"
printf '%-48s %12.0f\n' "Kafka Streams EOS, copy (from Streams start)" "$floor_copy_rate"
printf '%-48s %12.0f\n' "Kafka Streams EOS, copy (from JVM launch)" "$floor_copy_launch_rate"
printf '%-48s %12.0f\n' "tillstream process (from JVM launch)" "$rate_all"
printf '%-48s %12.0f\n' "tillstream process (from ready line)" "$rate_running"
echo "Each from its JVM's launch (like for like):"
printf '  process / ConsumerPerformance   %.3f   (target >= 0.2)\n' "$(echo "$rate_all / $perf_launch_rate" | bc -l)"
printf '  process / copy floor            %.3f   (target >= 1.0)\n' "$(echo "$rate_all / $floor_copy_launch_rate" | bc -l)"
echo "process from its launch, the others as they time themselves (the ratios recorded until 2026-11-30):"
printf '  process / ConsumerPerformance   %.3f\n' "$(echo "$rate_all / $perf_rate" | bc -l)"
printf '  process / copy floor            %.3f\n' "$(echo "$rate_all / $floor_copy_rate" | bc -l)"
printf 'ratio (ready line / fetch time)   %.3f\n' "$(echo "$rate_running / $perf_fetch_rate" | bc -l)"
printf 'Streams floor ratios (from Streams start / ConsumerPerformance as it times itself): count %.3f, copy %.3f\n' \
  "$(echo "$floor_count_rate / $perf_rate" | bc -l)" "$(echo "$floor_copy_rate / $perf_rate" | bc -l)"

echo
echo "Latency: tillstream generate --rate 1000 for ${latency_seconds}s into the caught-up processor"
curl -sf -X DELETE "$api/api/v1/metrics/latency"
# shellcheck disable=SC2086
java $java_opts -jar "$jar" generate --rate 1000 --duration "${latency_seconds}s" --seed 2 \
  --bootstrap-server $bootstrap --registry-url $registry > "$work/latency-gen.out" 2>&1
sleep 2
echo "now - event_time at aggregation (ms): $(curl -s "$api/api/v1/metrics/latency")   (target p99 < 100)"
