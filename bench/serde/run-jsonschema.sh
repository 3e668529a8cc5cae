#!/usr/bin/env bash
# JSON Schema serializer and deserializer throughput (records/s) for the sale as a Java record against
# plain Jackson writing and reading the same record (the jacksonWrite/jacksonRead baselines), and with
# json.fail.invalid.schema on (serializeValidated/deserializeValidated), in one JMH run. The registry is
# a real one on an embedded broker, started inside the benchmark's fork.
#
#   bench/serde/run-jsonschema.sh                  short run: 3 warm-up and 5 measured iterations of 2 s, 1 fork
#   bench/serde/run-jsonschema.sh -wi 5 -i 10 -f 2 any JMH options instead
#
# Results are also written to serde/target/jmh-serde.json.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
run_jmh serde 'io.tillstream.serde.bench.JsonSchemaSerdeBenchmark' "$@"
