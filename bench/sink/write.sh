#!/usr/bin/env bash
# The sink's write path alone, in one JVM: a partition's batch of sales (Avro datums over `days` day files)
# written straight from the datums as the sink writes a flat record, against decoding them into records
# for parquet-avro's writer, alternately on the same datums; CPU time of the writing thread per sale.
#
#   bench/sink/write.sh [sales] [days] [rounds]     defaults: 500000 100 5
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
run_main sink io.tillstream.sink.LakeWriteBench "$@"
echo "load: $(uptime)"
