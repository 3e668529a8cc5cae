#!/usr/bin/env bash
# The Protobuf or JSON Schema serdes against their plain library (protobuf-java, Jackson) in alternating
# blocks of calls, for a shared machine where JMH's one-benchmark-after-another runs swing with the load
# (see AlternatingRounds). The registry is a real one on an embedded broker, as in the JMH benchmarks.
#
#   bench/serde/run-rounds.sh protobuf             300 rounds of 5,000 calls a side, after 5 s of warm-up a pair
#   bench/serde/run-rounds.sh jsonschema 600 2000  rounds, calls per block
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
run_main serde 'io.tillstream.serde.bench.AlternatingRounds' "$@"
