#!/usr/bin/env bash
# `tillstream generate --rate max` (Avro through the registry, acks=all) against Apache Kafka's own
# ProducerPerformance in the same run, on one embedded 1-node `tillstream up`: the same record count,
# the same average record size (the generator's key+value bytes per record), acks=all, and the same
# compression, batch.size and linger.ms. Prints both throughputs, their ratio, and the generator's
# largest heap use (sampled every second with jstat) to show that the heap stays flat.
# Each side's CPU seconds (user + system) are printed beside its rate: its own JVM's, and the broker's
# (the `up` JVM's) while that side ran, which are steadier than rates on a shared machine. So is what
# the broker stored per record, which shows how well each side's records compress.
#
# GENERATOR_JAVA_OPTS replaces the generator's JVM options alone (by default those ./tillstream runs
# with, as for `tillstream up`; ProducerPerformance runs with -Xmx512m), e.g. GENERATOR_JAVA_OPTS=-Xmx512m
# to give both sides the same. JFR_DIR=dir records a JFR profile (settings=profile) of each round's
# generator and ProducerPerformance JVMs as dir/generate-<round>.jfr and dir/perf-<round>.jfr; read
# their threads' samples with `jfr print --events jdk.ExecutionSample --stack-depth 80 file.jfr`.
#
#   bench/generator/run.sh [records] [compression] [key] [rounds]   defaults: 2000000 lz4 invoice_no 3
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
records=${1:-2000000}
compression=${2:-lz4}
key=${3:-invoice_no}
rounds=${4:-3}
# The generator's own producer defaults (ProducerSettings), given to ProducerPerformance too; LINGER_MS
# gives both sides another linger.ms (the generator through --command-config).
batch_size=262144
linger_ms=${LINGER_MS:-10}
port=39292
registry_port=39281

generator_java_opts=${GENERATOR_JAVA_OPTS:-$java_opts}
ensure_jar
cp=$(bench_classpath)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait; rm -rf "$work"' EXIT

printf 'linger.ms=%s\n' "$linger_ms" > "$work/generator.properties"
start_up $port $registry_port
bootstrap=127.0.0.1:$port
broker=$(pgrep -f "java .*up --data-dir $work/data")
stored_bytes() { # topic: the bytes of its log segments on the broker's disk
  find "$work/data" -path "*/$1-[0-9]*/*.log" -print0 | du -cb --files0-from=- | tail -n 1 | cut -f 1
}
echo "load at the start: $(uptime)"
"$root/tillstream" topics create --topic warmup --partitions 6 --bootstrap-server $bootstrap >/dev/null

producer_performance() { # topic records record-size [jfr-file]
  /usr/bin/time -f '%U %S' -o "$work/perf.cpu" java -Xmx512m ${4:+-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$4} \
    -cp "$cp" org.apache.kafka.tools.ProducerPerformance --topic "$1" \
    --num-records "$2" --record-size "$3" --throughput -1 \
    --producer-props bootstrap.servers=$bootstrap acks=all enable.idempotence=true compression.type=$compression \
      linger.ms=$linger_ms batch.size=$batch_size 2>/dev/null | tail -n 1
}

# A fresh broker runs interpreted code at first; warm it up so that neither side pays for that.
producer_performance warmup 500000 80 >/dev/null

# What the broker's JVM (with the registry and Control Center beside it) spends doing nothing for 5 s,
# and what each side's JVM spends to start, reach the cluster (and the registry) and send one record:
# the parts of the CPU seconds below that do not grow with the records.
broker_before=$(cpu_seconds "$broker")
sleep 5
idle_rate=$(echo "($(cpu_seconds "$broker") - $broker_before) / 5" | bc -l)
# shellcheck disable=SC2086 # java_opts (lib.sh) holds several options
/usr/bin/time -f '%U %S' -o "$work/generate.cpu" java $generator_java_opts -jar "$jar" generate --rate max --count 1 --topic warmup \
  --key "$key" --compression "$compression" --bootstrap-server $bootstrap --registry-url http://127.0.0.1:$registry_port \
  >/dev/null 2>"$work/generate.err" || { cat "$work/generate.err"; exit 1; }
producer_performance warmup 1 80 >/dev/null
printf 'broker idle: %.2f CPU s a second; one record: generate %.2f CPU s, ProducerPerformance %.2f CPU s\n' "$idle_rate" \
  "$(awk '{ print $1 + $2 }' "$work/generate.cpu")" "$(awk '{ print $1 + $2 }' "$work/perf.cpu")"

# Rounds alternate the two sides, so that a burst of other load on the shared machine hits one round
# of each rather than one side only; the ratio reported is the median of the rounds' ratios.
field() { # file label: the first number after "label:" in a generator summary
  sed -n "s/^$2: *\([0-9.]*\).*/\1/p" "$1"
}
max_heap_kb=0
max_old_kb=0
ratios=()
printf '%-8s %-22s %12s %8s %9s %11s %13s\n' "round" "" "records/s" "MB/s" "CPU s" "broker CPU s" "stored B/rec"
for round in $(seq 1 "$rounds"); do
  "$root/tillstream" topics create --topic "generated-$round" --partitions 6 --bootstrap-server $bootstrap >/dev/null
  "$root/tillstream" topics create --topic "perf-$round" --partitions 6 --bootstrap-server $bootstrap >/dev/null
  out="$work/generate-$round.out"
  # shellcheck disable=SC2086 # java_opts (lib.sh) holds several options
  broker_before=$(cpu_seconds "$broker")
  /usr/bin/time -f '%U %S' -o "$work/generate.cpu" \
    java $generator_java_opts ${JFR_DIR:+-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$JFR_DIR/generate-$round.jfr} -jar "$jar" generate --rate max --count "$records" \
    --topic "generated-$round" --key "$key" --compression "$compression" --seed "$round" \
    --bootstrap-server $bootstrap --command-config "$work/generator.properties" --registry-url http://127.0.0.1:$registry_port \
    > "$out" 2> "$work/generate.err" &
  generator=$!
  # $! is /usr/bin/time's; jstat needs its child, the generator's JVM.
  jvm=
  while [ -z "$jvm" ] && kill -0 $generator 2>/dev/null; do
    jvm=$(pgrep -P $generator java || true)
    sleep 0.1
  done
  # jstat -gc columns 3, 4, 6, 8: survivor 0 and 1, eden and old generation used (KB). Eden holds garbage
  # until the next young collection, so the old generation shows what the run really keeps.
  while kill -0 $generator 2>/dev/null; do
    read -r used old < <(jstat -gc "$jvm" 2>/dev/null | awk 'NR == 2 { printf "%d %d\n", $3 + $4 + $6 + $8, $8 }') || true
    if [ "${used:-0}" -gt "$max_heap_kb" ]; then max_heap_kb=$used; fi
    if [ "${old:-0}" -gt "$max_old_kb" ]; then max_old_kb=$old; fi
    sleep 1
  done
  wait $generator || { cat "$work/generate.err"; exit 1; }
  gen_broker_cpu=$(echo "$(cpu_seconds "$broker") - $broker_before" | bc)
  gen_cpu=$(awk '{ print $1 + $2 }' "$work/generate.cpu")
  gen_rate=$(field "$out" "Records\/s")
  gen_mb=$(field "$out" "MB\/s")
  size=$(printf '%.0f' "$(sed -n 's/^Bytes: *[0-9]* (\([0-9.]*\) per record.*/\1/p' "$out")")

  broker_before=$(cpu_seconds "$broker")
  perf=$(producer_performance "perf-$round" "$records" "$size" ${JFR_DIR:+"$JFR_DIR/perf-$round.jfr"})
  perf_broker_cpu=$(echo "$(cpu_seconds "$broker") - $broker_before" | bc)
  perf_cpu=$(awk '{ print $1 + $2 }' "$work/perf.cpu")
  perf_rate=$(echo "$perf" | sed -n 's/.* records sent, \([0-9.]*\) records\/sec (\([0-9.]*\) MB\/sec).*/\1/p')
  perf_mb=$(echo "$perf" | sed -n 's/.* records sent, \([0-9.]*\) records\/sec (\([0-9.]*\) MB\/sec).*/\2/p')
  ratio=$(echo "$gen_rate / $perf_rate" | bc -l)
  ratios+=("$ratio")
  printf '%-8s %-22s %12.0f %8.2f %9.2f %11.2f %13.1f\n' "$round" "tillstream generate" "$gen_rate" "$gen_mb" \
    "$gen_cpu" "$gen_broker_cpu" "$(echo "$(stored_bytes "generated-$round") / $records" | bc -l)"
  printf '%-8s %-22s %12.0f %8.2f %9.2f %11.2f %13.1f   (%s bytes a record)\n' "" "ProducerPerformance" "$perf_rate" "$perf_mb" \
    "$perf_cpu" "$perf_broker_cpu" "$(echo "$(stored_bytes "perf-$round") / $records" | bc -l)" "$size"
  printf '%-8s %-22s %12.2f\n' "" "ratio" "$ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | median)
echo
echo "load at the end: $(uptime)"
printf 'median ratio (records/s) over %d rounds: %.2f   (target >= 1.0)\n' "$rounds" "$median"
echo "generator max heap used: $((max_heap_kb / 1024)) MB, of which old generation $((max_old_kb / 1024)) MB (jstat, every second)"
echo "last round's generator summary:"
cat "$work/generate-$rounds.out"
