#!/usr/bin/env bash
# Protobuf serializer and deserializer throughput (records/s) for the sale message against protobuf-java's
# own encoding and decoding of it (the protobuf* baselines), as the generated class and as DynamicMessage,
# in one JMH run. The registry is a real one on an embedded broker, started inside the benchmark's fork.
#
#   bench/serde/run-protobuf.sh                  short run: 3 warm-up and 5 measured iterations of 2 s, 1 fork
#   bench/serde/run-protobuf.sh -wi 5 -i 10 -f 2 any JMH options instead
#
# Results are also written to serde/target/jmh-serde.json.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
run_jmh serde 'io.tillstream.serde.bench.ProtobufSerdeBenchmark' "$@"
