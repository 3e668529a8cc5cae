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
cd "$(dirname "$0")/../.."

./mvnw -q -pl serde test-compile
./mvnw -q -pl serde org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath

options=("$@")
if [ ${#options[@]} -eq 0 ]; then
  options=(-wi 3 -i 5 -f 1)
fi
java -cp "serde/target/test-classes:serde/target/classes:$(cat serde/target/bench.classpath)" \
  org.openjdk.jmh.Main 'io.tillstream.serde.bench.SerdeBenchmark' "${options[@]}" \
  -rf json -rff serde/target/jmh-serde.json
