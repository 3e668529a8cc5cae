#!/usr/bin/env bash
# Time from launch to ready, the CPU seconds spent by then (steadier than the time on a shared machine), and idle
# resident memory, of `tillstream up` (1 node broker+controller,
# raw_data topic, Schema Registry and Control Center), side by side with plain Apache Kafka started by
# its own launcher (kafka.Kafka: the broker alone, same jars, same JVM options) as the baseline; then the
# time to ready of `tillstream process` (against that up) and of `tillstream demo`.
# Tillstream runs through ./tillstream, as a user runs it, so with its class-data sharing archives: one
# untimed run of each command first makes them (a warm machine). TILLSTREAM_JAVA_OPTS="... -Xshare:off"
# measures without them. The baseline runs with Log4j's core as Kafka ships it (Kafka's server configures
# it for its dynamic logger levels); Tillstream's jar leaves it out and sends Log4j API calls to SLF4J.
# Usage: bench/up-startup.sh [runs] [idle-seconds]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${1:-5}
idle=${2:-30}
opts=$java_opts
ensure_jar
log4j_core=$(bench_classpath | tr ':' '\n' | grep '/log4j-core-[0-9.]*\.jar$')
kafka_cp="$jar:$log4j_core"
kafka_opts="-Dlog4j.provider=org.apache.logging.log4j.core.impl.Log4jProvider"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
port=29092
platform_ports="--kafka-port $port --controller-port $((port + 1)) --registry-port $((port + 2)) --console-port $((port + 3))"
process_args="--bootstrap-server 127.0.0.1:$port --registry-url http://127.0.0.1:$((port + 2)) --http-port $((port + 4))"

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

# Each start sets $pid, $took (seconds from launch to the line that says it is ready) and $cpu (the CPU seconds
# its JVMs used by then; with an archive ./tillstream execs the JVM, so $pid is the JVM).
start_tillstream() { # ready-line command args...
  ready=$1
  shift
  : > "$work/out"  # emptied here: the background start might not have truncated it before the first look
  s=$(date +%s.%N)
  "$root/tillstream" "$@" >> "$work/out" 2>&1 &
  pid=$!
  wait_for_line "$work/out" "$ready" 120 || { cat "$work/out" >&2; exit 1; }
  took=$(echo "$(date +%s.%N) - $s" | bc)
  cpu=$(cpu_seconds "$pid")
}
start_up() { # data-dir
  start_tillstream "Tillstream is up" up --data-dir "$1" $platform_ports
}
start_process() { # application-id
  start_tillstream "^Processing" process $process_args --application-id "$1" --state-dir "$work/streams-$1"
}
start_demo() { # data-dir
  start_tillstream "^Try," demo --data-dir "$1" $platform_ports --http-port $((port + 4))
}
start_kafka() { # formats the storage first when it is new, as a Kafka user must
  s=$(date +%s.%N)
  tools_cpu=0
  if [ ! -f "$work/kafka/meta.properties" ]; then
    uuid=$(/usr/bin/time -f '%U %S' -o "$work/uuid.cpu" java -cp "$kafka_cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
    /usr/bin/time -f '%U %S' -o "$work/format.cpu" java $opts $kafka_opts -Dlogback.configurationFile="$work/logback.xml" \
      -cp "$kafka_cp" kafka.tools.StorageTool format -t "$uuid" -c "$work/server.properties" >/dev/null 2>&1
    tools_cpu=$(cat "$work/uuid.cpu" "$work/format.cpu" | awk '{ t += $1 + $2 } END { print t }')
  fi
  : > "$work/out"
  java $opts $kafka_opts -Dlogback.configurationFile="$work/logback.xml" -cp "$kafka_cp" kafka.Kafka "$work/server.properties" >> "$work/out" 2>&1 &
  pid=$!
  wait_for_line "$work/out" "Kafka Server started" 60; took=$(echo "$(date +%s.%N) - $s" | bc)
  cpu=$(echo "$(cpu_seconds "$pid") + $tools_cpu" | bc)
}
stop() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
# Untimed: each command's first run after a build writes its class-data sharing archive as it exits.
start_up "$work/warm"; up_pid=$pid
start_process warm; stop
pid=$up_pid; stop
start_demo "$work/warm-demo"; stop

printf '%-26s %8s %8s %8s %8s %8s\n' "run" "first(s)" "again(s)" "cpu1(s)" "cpu2(s)" "idleRSS"
for r in $(seq 1 "$runs"); do
  rm -rf "$work/data" "$work/kafka" "$work/demo"
  start_up "$work/data"; t1=$took; c1=$cpu; stop
  start_up "$work/data"; t2=$took; c2=$cpu; sleep "$idle"; m=$(rss_mb "$pid"); up_pid=$pid
  start_process "app-$r"; p1=$took; pc1=$cpu; stop
  start_process "app-$r"; p2=$took; pc2=$cpu; stop
  pid=$up_pid; stop
  printf '%-26s %8.2f %8.2f %8.2f %8.2f %7sM\n' "tillstream up #$r" "$t1" "$t2" "$c1" "$c2" "$m"
  start_kafka; k1=$took; kc1=$cpu; stop
  start_kafka; k2=$took; kc2=$cpu; sleep "$idle"; km=$(rss_mb "$pid"); stop
  printf '%-26s %8.2f %8.2f %8.2f %8.2f %7sM\n' "kafka.Kafka baseline #$r" "$k1" "$k2" "$kc1" "$kc2" "$km"
  printf '%-26s %8.2f %8.2f %8.2f %8.2f\n' "up / baseline #$r" "$(echo "$t1 / $k1" | bc -l)" "$(echo "$t2 / $k2" | bc -l)" \
    "$(echo "$c1 / $kc1" | bc -l)" "$(echo "$c2 / $kc2" | bc -l)"
  printf '%-26s %8.2f %8.2f %8.2f %8.2f\n' "tillstream process #$r" "$p1" "$p2" "$pc1" "$pc2"
  start_demo "$work/demo"; d1=$took; dc1=$cpu; stop
  start_demo "$work/demo"; d2=$took; dc2=$cpu; stop
  printf '%-26s %8.2f %8.2f %8.2f %8.2f\n' "tillstream demo #$r" "$d1" "$d2" "$dc1" "$dc2"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
