#!/usr/bin/env bash
# Time from launch to ready, and idle resident memory, of `tillstream up` (1 node broker+controller,
# raw_data topic and Schema Registry), side by side with plain Apache Kafka started by its own
# launcher (kafka.Kafka: the broker alone, same jars, same JVM options) as the baseline.
# Usage: bench/up-startup.sh [runs] [idle-seconds]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${1:-5}
idle=${2:-30}
opts=$java_opts
ensure_jar
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
port=29092

cat > "$work/logback.xml" <<XML
<configuration><appender name="o" class="ch.qos.logback.core.ConsoleAppender">
<encoder><pattern>%msg%n</pattern></encoder></appender><root level="INFO"><appender-ref ref="o"/></root></configuration>
XML
cat > "$work/server.properties" <<PROPS
node.id=0
process.roles=broker,controller
controller.quorum.voters=0@127.0.0.1:$((port + 1))
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$((port + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$work/kafka
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
PROPS

# Each start sets $pid and $took (seconds from launch to the ready line).
start_tillstream() { # data-dir
  s=$(date +%s.%N)
  java $opts -jar "$jar" up --data-dir "$1" --kafka-port $port --controller-port $((port + 1)) --registry-port $((port + 2)) --console-port $((port + 3)) > "$work/out" 2>&1 &
  pid=$!
  wait_for_line "$work/out" "Tillstream is up" 60; took=$(echo "$(date +%s.%N) - $s" | bc)
}
start_kafka() { # formats the storage first when it is new, as a Kafka user must
  s=$(date +%s.%N)
  if [ ! -f "$work/kafka/meta.properties" ]; then
    java $opts -Dlogback.configurationFile="$work/logback.xml" -cp "$jar" kafka.tools.StorageTool format \
      -t "$(java -cp "$jar" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" -c "$work/server.properties" >/dev/null 2>&1
  fi
  java $opts -Dlogback.configurationFile="$work/logback.xml" -cp "$jar" kafka.Kafka "$work/server.properties" > "$work/out" 2>&1 &
  pid=$!
  wait_for_line "$work/out" "Kafka Server started" 60; took=$(echo "$(date +%s.%N) - $s" | bc)
}
stop() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; }

printf '%-26s %8s %8s %8s\n' "run" "first(s)" "again(s)" "idleRSS"
for r in $(seq 1 "$runs"); do
  rm -rf "$work/data" "$work/kafka"
  start_tillstream "$work/data"; t1=$took; stop
  start_tillstream "$work/data"; t2=$took; sleep "$idle"; m=$(rss_mb "$pid"); stop
  printf '%-26s %8.2f %8.2f %7sM\n' "tillstream up #$r" "$t1" "$t2" "$m"
  start_kafka; k1=$took; stop
  start_kafka; k2=$took; sleep "$idle"; km=$(rss_mb "$pid"); stop
  printf '%-26s %8.2f %8.2f %7sM\n' "kafka.Kafka baseline #$r" "$k1" "$k2" "$km"
done
