#!/usr/bin/env bash
# Nanoseconds per sale value in Confluent's wire format: the generator's own binary writer against
# Tillstream's KafkaAvroSerializer, over the same synthetic sales; and per synthetic record (key and value)
# drawn and encoded, through a Sale or straight into bytes (SyntheticSaleWriter); in one JMH run (no
# broker, no registry).
#
#   bench/generator/encode.sh                  short run: 3 warm-up and 5 measured iterations of 2 s, 1 fork
#   bench/generator/encode.sh -wi 5 -i 10 -f 2 any JMH options instead
#
# Results are also written to retail/target/jmh-retail.json.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
run_jmh retail 'io.tillstream.retail.generator.SaleEncodingBenchmark' "$@"
