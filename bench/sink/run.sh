#!/usr/bin/env bash
# `tillstream sink` on one embedded 1-node `tillstream up`, in one run:
#  1. raw_data (6 partitions) pre-filled with N sales from a CSV in the dataset's layout whose invoice dates
#     spread over `days` days (`tillstream generate --source csv --rate max`), so each partition's open
#     batch has a file in every one of ~`days` day directories at once (6 x days open files);
#  2. read once by Apache Kafka's own ConsumerPerformance;
#  3. landed by `./tillstream sink --topic raw_data --exit-at-end` into a fresh lake (zstd), from JVM start
#     until it has read every record, completed and committed its files and exited (then GroupCaughtUp.java
#     checks that the group's offsets reached the end); prints both records/s and their
#     ratio, CPU time per record of both, the lake's bytes per sale against the topic's (Avro value bytes
#     and log bytes), and the sink JVM's peak RSS. The sink's rate is given twice: from JVM start, and from
#     its "Landing" line, printed once its consumer is created and subscribed, which is where
#     ConsumerPerformance's own clock starts (after its JVM's start and its consumer's creation; it stops at
#     the last record read, the sink's at its exit after the last file is durable and committed). Its CPU
#     is split into start-up (to the "Landing" line), reading (to its first status line with lag 0) and
#     completing (after it).
# SINK_STOP=signal stops the sink as the rounds before --exit-at-end did: SIGTERM once a status line says lag 0,
# which then completes and commits its files as Ctrl-C does (the sink's status comes every 200 ms, and the
# script's check every 100 ms, so the stop comes up to about 0.3 s after the last record was read).
#
# SINK_FORMAT=protobuf|jsonschema fills raw_data in that format instead of Avro (`generate --format`).
#
#   bench/sink/run.sh [records] [days] [roll-interval]     defaults: 1000000 100 1m
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
records=${1:-1000000}
days=${2:-100}
roll_interval=${3:-1m}
port=39492
registry_port=39481

ensure_jar
cp=$(bench_classpath)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait; rm -rf "$work"' EXIT
bootstrap=127.0.0.1:$port
registry=http://127.0.0.1:$registry_port

start_up $port $registry_port

echo "Writing $records sales over $days invoice days to a CSV, then into raw_data..."
# Valid sales in the dataset's layout (price = quantity x the category's unit price), days in random order.
awk -v n="$records" -v days="$days" 'BEGIN {
  srand(7);
  split("Clothing,Cosmetics,Food & Beverage,Toys,Shoes,Souvenir,Technology,Books", cat, ",");
  split("300.08,40.66,5.23,35.84,600.17,11.73,1050.00,15.15", unit, ",");
  split("Kanyon,Forum Istanbul,Metrocity,Metropol AVM,Istinye Park,Mall of Istanbul,Emaar Square Mall,Cevahir AVM,Viaport Outlet,Zorlu Center", mall, ",");
  split("Cash,Credit Card,Debit Card", pay, ",");
  print "invoice_no,customer_id,gender,age,category,quantity,price,payment_method,invoice_date,shopping_mall";
  start = 1640995200;  # 2022-01-01
  for (i = 0; i < n; i++) {
    c = int(rand() * 8) + 1; q = int(rand() * 5) + 1;
    d = strftime("%d/%m/%Y", start + int(rand() * days) * 86400, 1);
    sub(/^0/, "", d); sub(/\/0/, "/", d);
    printf "I%06d,C%06d,%s,%d,%s,%d,%.2f,%s,%s,%s\n", 100000 + i, 100000 + int(rand() * 800000),
      (rand() < 0.6 ? "Female" : "Male"), 18 + int(rand() * 52), cat[c], q, q * unit[c], pay[int(rand() * 3) + 1], d,
      mall[int(rand() * 10) + 1];
  }
}' > "$work/sales.csv"
# shellcheck disable=SC2086 # java_opts (lib.sh) holds several options
java $java_opts -jar "$jar" generate --source csv --file "$work/sales.csv" --rate max --format "${SINK_FORMAT:-avro}" \
  --bootstrap-server $bootstrap --registry-url $registry > "$work/fill.out" 2>&1
grep -E "^(Records/s|Bytes|Sent|Rejected)" "$work/fill.out" || tail -n 5 "$work/fill.out"

echo
echo "ConsumerPerformance: $records records of raw_data"
perf=$(consumer_perf $bootstrap raw_data "$records")
echo "$perf"
perf_rate=$(echo "$perf" | awk -F', ' '{ print $6 }')
perf_mb=$(echo "$perf" | awk -F', ' '{ print $3 }')

echo
# The sink runs through ./tillstream, as a user runs it: with the launcher's JVM options for `sink` and its
# class-data sharing archive, which an untimed run of the same command writes first if the build has none yet
# (as a user's first run does). SINK_TILLSTREAM: another checkout's launcher, to compare two builds on one machine
# minute after minute; SINK_JAVA_OPTS: more options for the sink's JVM alone (e.g. a JFR recording).
sink_command=${SINK_TILLSTREAM:-$root/tillstream}
sink_args=(--topic raw_data --roll-interval "$roll_interval" --status-interval 200ms --bootstrap-server $bootstrap
  --registry-url $registry)
sink_stop=${SINK_STOP:-end}
if [ "$sink_stop" = end ]; then sink_args+=(--exit-at-end); fi
caught_up="partitions \[0, 1, 2, 3, 4, 5\], lag 0$"
if [ ! -f "$(dirname "$sink_command")/cli/target/cds/sink.jsa" ]; then
  echo "(an untimed run first writes the sink's class-data sharing archive)"
  "$sink_command" sink "${sink_args[@]}" --path "$work/warm-up-lake" --group "bench-warm-up-$$" > "$work/warm-up.out" 2>&1 &
  warm_up=$!
  until grep -q "$caught_up" "$work/warm-up.out" 2>/dev/null; do
    if ! kill -0 $warm_up 2>/dev/null; then
      wait $warm_up || { cat "$work/warm-up.out"; exit 1; }
      break
    fi
    sleep 0.2
  done
  kill -TERM $warm_up 2>/dev/null || true
  wait $warm_up 2>/dev/null || true
  rm -rf "$work/warm-up-lake"
fi

echo
echo "tillstream sink --topic raw_data --roll-interval $roll_interval: $records sales"
# Each line of the sink's standard output with the time it came, for the clock that starts at its "Landing" line.
stamp() { while IFS= read -r line; do printf '%s %s\n' "$(date +%s.%N)" "$line"; done; }
start=$(date +%s.%N)
JAVA_TOOL_OPTIONS=${SINK_JAVA_OPTS:-} /usr/bin/time -f '%U %S' -o "$work/sink.cpu" "$sink_command" sink "${sink_args[@]}" \
  --path "$work/lake" --group "bench-sink-$$" > >(stamp > "$work/sink.out") 2> "$work/sink.err" &
timed=$!
sleep 0.5
sink=$(pgrep -P $timed java)
peak=0
peak_open=0
cpu_started=
# The sink has read every record once a status line says lag 0 on all 6 partitions: with --exit-at-end it goes on
# by itself to complete its files, commit them and exit; with SINK_STOP=signal, SIGTERM makes it do the same, as
# Ctrl-C does. It has landed everything durably when it exits.
until grep -q "$caught_up" "$work/sink.err" 2>/dev/null; do
  if ! kill -0 $sink 2>/dev/null; then
    if [ "$sink_stop" = end ] && grep -q "lag 0$" "$work/sink.err"; then break; fi
    cat "$work/sink.out" "$work/sink.err"; exit 1
  fi
  rss=$(rss_mb $sink || echo 0)
  if [ "$rss" -gt "$peak" ]; then peak=$rss; fi
  open=$( (find "$work/lake" -name '*.tmp' 2>/dev/null || true) | wc -l)
  if [ "$open" -gt "$peak_open" ]; then peak_open=$open; fi
  if [ -z "$cpu_started" ] && grep -q ' Landing ' "$work/sink.out"; then cpu_started=$(cpu_seconds $sink); fi
  sleep 0.1
done
cpu_read=$(cpu_seconds $sink || tail -n 1 "$work/sink.cpu" 2>/dev/null | awk '{ print $1 + $2 }')
stopped_at=$(date +%s.%N)
if [ "$sink_stop" = signal ]; then kill -TERM $sink; fi
wait $timed || true
done_at=$(date +%s.%N)
java -cp "$jar" "$here/GroupCaughtUp.java" $bootstrap "bench-sink-$$" raw_data > "$work/caught-up.out" 2>&1
seconds=$(echo "$done_at - $start" | bc -l)
rate=$(echo "$records / $seconds" | bc -l)
landing=$(awk '/ Landing / { print $1; exit }' "$work/sink.out")
consumer_seconds=$(echo "$done_at - $landing" | bc -l)
consumer_rate=$(echo "$records / $consumer_seconds" | bc -l)
files=$(find "$work/lake" -name '*.parquet' | wc -l)
lake_bytes=$(find "$work/lake" -name '*.parquet' -printf '%s\n' | awk '{ s += $1 } END { print s }')
log_bytes=$(find "$work"/data/node-0/raw_data-* -name '*.log' -printf '%s\n' | awk '{ s += $1 } END { print s }')
echo "landed in $(printf '%.1f' "$seconds") s (JVM start to exit after the last commit), $files files," \
  "up to $peak_open open at once; $(cat "$work/caught-up.out")"
tail -n 1 "$work/sink.err"

echo
printf '%-44s %12s\n' "" "records/s"
printf '%-44s %12.0f\n' "ConsumerPerformance" "$perf_rate"
printf '%-44s %12.0f\n' "tillstream sink (JVM start to all durable)" "$rate"
printf '%-44s %12.0f\n' "tillstream sink (consumer start to all durable)" "$consumer_rate"
printf 'ratio sink / ConsumerPerformance             %.3f from JVM start, %.3f from consumer start (%.1f s of %.1f)   (target >= 0.3)\n' \
  "$(echo "$rate / $perf_rate" | bc -l)" "$(echo "$consumer_rate / $perf_rate" | bc -l)" "$consumer_seconds" "$seconds"
# On a shared machine the wall clock says as much about the neighbours as about the sink: CPU time per record too.
cpu_us() { tail -n 1 "$1" | awk -v n="$records" '{ printf "%.1f", ($1 + $2) * 1000000 / n }'; }
echo "CPU per record (user + system, whole JVM): ConsumerPerformance $(cpu_us "$work/perf.cpu") us, sink $(cpu_us "$work/sink.cpu") us"
tail -n 1 "$work/sink.cpu" | awk -v started="${cpu_started:-0}" -v read="$cpu_read" -v n="$records" '{ total = $1 + $2;
  printf "sink CPU seconds: %.1f to its Landing line (start-up), %.1f reading to the stop, %.1f completing the files after it\n",
    started, read - started, total - read }'
printf 'sink completing: %.2f s from its first status line with lag 0 (with SINK_STOP=signal, SIGTERM) to its exit (all files written, durable, committed, published)\n' \
  "$(echo "$done_at - $stopped_at" | bc -l)"
printf 'bytes per sale: lake %.1f (zstd Parquet), topic values %.1f (ConsumerPerformance MB), topic log %.1f\n' \
  "$(echo "$lake_bytes / $records" | bc -l)" "$(echo "$perf_mb * 1048576 / $records" | bc -l)" \
  "$(echo "$log_bytes / $records" | bc -l)"
echo "sink peak RSS: $peak MB (heap cap from TILLSTREAM_JAVA_OPTS / ./tillstream: $java_opts)"
echo "load: $(uptime)"
