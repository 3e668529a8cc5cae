#!/usr/bin/env bash
# `tillstream generate --rate max` (Avro through the registry, acks=all) against Apache Kafka's own
# ProducerPerformance in the same run, on one embedded 1-node `tillstream up`: the same record count,
# the same average record size (the generator's key+value bytes per record), acks=all, and the same
# compression, batch.size and linger.ms. Prints both throughputs, their ratio, and the generator's
# largest heap use (sampled every second with jstat) to show that the heap stays flat.
#
#   bench/generator/run.sh [records] [compression] [key] [rounds]   defaults: 2000000 lz4 invoice_no 3
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
records=${1:-2000000}
compression=${2:-lz4}
key=${3:-invoice_no}
rounds=${4:-3}
# The generator's own producer defaults (ProducerSettings), given to ProducerPerformance too.
batch_size=262144
linger_ms=10
port=39292
registry_port=39281

ensure_jar
cp=$(bench_classpath)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait; rm -rf "$work"' EXIT

start_up $port $registry_port
bootstrap=127.0.0.1:$port
"$root/tillstream" topics create --topic warmup --partitions 6 --bootstrap-server $bootstrap >/dev/null

producer_performance() { # topic records record-size
  java -Xmx512m -cp "$cp" org.apache.kafka.tools.ProducerPerformance --topic "$1" \
    --num-records "$2" --record-size "$3" --throughput -1 \
    --producer-props bootstrap.servers=$bootstrap acks=all enable.idempotence=true compression.type=$compression \
      linger.ms=$linger_ms batch.size=$batch_size 2>/dev/null | tail -n 1
}

# A fresh broker runs interpreted code at first; warm it up so that neither side pays for that.
producer_performance warmup 500000 80 >/dev/null

# Rounds alternate the two sides, so that a burst of other load on the shared machine hits one round
# of each rather than one side only; the ratio reported is the median of the rounds' ratios.
field() { # file label: the first number after "label:" in a generator summary
  sed -n "s/^$2: *\([0-9.]*\).*/\1/p" "$1"
}
max_heap_kb=0
max_old_kb=0
ratios=()
printf '%-8s %-22s %12s %8s\n' "round" "" "records/s" "MB/s"
for round in $(seq 1 "$rounds"); do
  "$root/tillstream" topics create --topic "generated-$round" --partitions 6 --bootstrap-server $bootstrap >/dev/null
  "$root/tillstream" topics create --topic "perf-$round" --partitions 6 --bootstrap-server $bootstrap >/dev/null
  out="$work/generate-$round.out"
  # shellcheck disable=SC2086 # java_opts (lib.sh) holds several options
  java $java_opts -jar "$jar" generate --rate max --count "$records" \
    --topic "generated-$round" --key "$key" --compression "$compression" --seed "$round" \
    --bootstrap-server $bootstrap --registry-url http://127.0.0.1:$registry_port > "$out" 2> "$work/generate.err" &
  generator=$!
  # jstat -gc columns 3, 4, 6, 8: survivor 0 and 1, eden and old generation used (KB). Eden holds garbage
  # until the next young collection, so the old generation shows what the run really keeps.
  while kill -0 $generator 2>/dev/null; do
    read -r used old < <(jstat -gc $generator 2>/dev/null | awk 'NR == 2 { printf "%d %d\n", $3 + $4 + $6 + $8, $8 }') || true
    if [ "${used:-0}" -gt "$max_heap_kb" ]; then max_heap_kb=$used; fi
    if [ "${old:-0}" -gt "$max_old_kb" ]; then max_old_kb=$old; fi
    sleep 1
  done
  wait $generator || { cat "$work/generate.err"; exit 1; }
  gen_rate=$(field "$out" "Records\/s")
  gen_mb=$(field "$out" "MB\/s")
  size=$(printf '%.0f' "$(sed -n 's/^Bytes: *[0-9]* (\([0-9.]*\) per record.*/\1/p' "$out")")

  perf=$(producer_performance "perf-$round" "$records" "$size")
  perf_rate=$(echo "$perf" | sed -n 's/.* records sent, \([0-9.]*\) records\/sec (\([0-9.]*\) MB\/sec).*/\1/p')
  perf_mb=$(echo "$perf" | sed -n 's/.* records sent, \([0-9.]*\) records\/sec (\([0-9.]*\) MB\/sec).*/\2/p')
  ratio=$(echo "$gen_rate / $perf_rate" | bc -l)
  ratios+=("$ratio")
  printf '%-8s %-22s %12.0f %8.2f\n' "$round" "tillstream generate" "$gen_rate" "$gen_mb"
  printf '%-8s %-22s %12.0f %8.2f   (%s bytes a record)\n' "" "ProducerPerformance" "$perf_rate" "$perf_mb" "$size"
  printf '%-8s %-22s %12.2f\n' "" "ratio" "$ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
echo
printf 'median ratio (records/s) over %d rounds: %.2f   (target >= 0.8)\n' "$rounds" "$median"
echo "generator max heap used: $((max_heap_kb / 1024)) MB, of which old generation $((max_old_kb / 1024)) MB (jstat, every second)"
echo "last round's generator summary:"
cat "$work/generate-$rounds.out"
