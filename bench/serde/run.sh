#!/usr/bin/env bash
# Serializer and deserializer throughput (records/s) for the sale record against plain Avro binary
# encoding and decoding of the same record (the avroEncode/avroDecode baselines), in one JMH run.
# The registry is a real one on an embedded broker, started inside the benchmark's fork.
#
#   bench/serde/run.sh                  short run: 3 warm-up and 5 measured iterations of 2 s, 1 fork
#   bench/serde/run.sh -wi 5 -i 10 -f 2 any JMH options instead
#
# Results are also written to serde/target/jmh-serde.json.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
run_jmh serde 'io.tillstream.serde.bench.SerdeBenchmark' "$@"
