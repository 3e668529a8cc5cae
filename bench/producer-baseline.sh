#!/usr/bin/env bash
# Raw broker throughput of `tillstream up` (1 node), measured with Apache Kafka's own ProducerPerformance
# (org.apache.kafka:kafka-tools): the baseline later producer benchmarks are compared against.
# Usage: bench/producer-baseline.sh [records] [record-size] [acks] [compression] [runs]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
records=${1:-1000000}
size=${2:-200}
acks=${3:-all}
compression=${4:-none}
runs=${5:-3}
ensure_jar
cp=$(bench_classpath)
work=$(mktemp -d)
port=39092
trap 'kill $(jobs -p) 2>/dev/null || true; wait; rm -rf "$work"' EXIT

start_up $port $((port + 2))
bootstrap=127.0.0.1:$port

for r in $(seq 1 "$runs"); do
  "$root/tillstream" topics create --topic "perf-$r" --partitions 6 --bootstrap-server $bootstrap >/dev/null
  echo "ProducerPerformance run $r: $records records of $size bytes, acks=$acks, compression=$compression"
  java -Xmx512m -cp "$cp" org.apache.kafka.tools.ProducerPerformance --topic "perf-$r" \
    --num-records "$records" --record-size "$size" --throughput -1 \
    --producer-props bootstrap.servers=$bootstrap acks=$acks compression.type=$compression linger.ms=5 batch.size=65536 \
    2>/dev/null | tail -n 1
done
