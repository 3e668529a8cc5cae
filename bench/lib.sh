# Shared by the benchmark scripts: where things are and how to reach Kafka's own tools.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/cli/target/tillstream.jar"
# The JVM options ./tillstream runs with, so benchmarks measure what users run.
java_opts=${TILLSTREAM_JAVA_OPTS:-$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$root/tillstream")}
# What the launcher adds for `up`, `demo`, `sink` and `process` (C2 deferred during their start).
start_jit_opts=$(sed -n 's/^start_jit_opts="\(.*\)"$/\1/p' "$root/tillstream")

# Prints the classpath of bench/pom.xml's dependencies (Apache Kafka's tools, kafka-clients, Playwright,
# logback...), resolving it with the wrapper when it is missing or older than that pom or its parent.
bench_classpath() {
  cp_file="$root/bench/target/kafka-tools.classpath"
  if [ ! -s "$cp_file" ] || [ "$root/bench/pom.xml" -nt "$cp_file" ] || [ "$root/pom.xml" -nt "$cp_file" ]; then
    (cd "$root" && ./mvnw -q -B -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file") >&2
  fi
  cat "$cp_file"
}

# Builds the runnable jar if it is missing or older than the sources.
ensure_jar() {
  "$root/tillstream" --version >/dev/null
}

# Waits until a file contains a line matching a pattern, for at most timeout_s seconds; prints nothing
# when the line appears, prints "timeout" and returns 1 when it does not.
wait_for_line() { # file pattern timeout_s
  start=$(date +%s.%N)
  while ! grep -q "$2" "$1" 2>/dev/null; do
    if [ "$(echo "$(date +%s.%N) - $start > $3" | bc)" = 1 ]; then echo timeout; return 1; fi
    sleep 0.02
  done
}

# The median of the numbers on standard input, one a line; of an even count, the mean of the middle two.
median() {
  sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Starts `tillstream up` in the background on kafka_port (controller kafka_port + 1), registry_port and
# console registry_port + 1, with its data and output (up.out) in the caller's $work; returns once it
# is up, or prints its output and returns 1 after 90 s.
start_up() { # kafka_port registry_port
  "$root/tillstream" up --data-dir "$work/data" --kafka-port "$1" --controller-port $(($1 + 1)) \
    --registry-port "$2" --console-port $(($2 + 1)) > "$work/up.out" 2>&1 &
  wait_for_line "$work/up.out" "Tillstream is up" 90 >/dev/null || { cat "$work/up.out" >&2; return 1; }
}

# Reads `records` records of `topic` once with Apache Kafka's ConsumerPerformance (classpath from
# bench_classpath in $cp, files in the caller's $work) and prints its result line: start.time, end.time,
# data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms,
# fetch.MB.sec, fetch.nMsg.sec. Its CPU seconds (user and system) go to $work/perf.cpu.
consumer_perf() { # bootstrap topic records
  # kafka-tools brings logback without a configuration, which would log every fetch at debug level.
  printf '<configuration><root level="WARN"/></configuration>\n' > "$work/logback.xml"
  /usr/bin/time -f '%U %S' -o "$work/perf.cpu" java -Xmx512m -Dlogback.configurationFile="$work/logback.xml" -cp "$cp" org.apache.kafka.tools.ConsumerPerformance \
    --bootstrap-server "$1" --topic "$2" --num-records "$3" --group "perf-$$" --timeout 60000 2>/dev/null \
    | grep -E '^[0-9]{4}-' | tail -n 1
}

rss_mb() { # pid
  echo $(( $(ps -o rss= -p "$1") / 1024 ))
}

cpu_seconds() { # pid: user + system CPU seconds of a running process so far
  awk -v tick="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / tick }' "/proc/$1/stat"
}

# The CPU seconds of a running JVM's live threads, by thread name with its numbers dropped (a pool's threads
# together), largest first: where a process's CPU went, without a profiler's own cost. Threads that have ended
# are not listed; their CPU is in cpu_seconds' total only.
thread_cpu() { # pid [lines]
  for task in /proc/"$1"/task/*; do
    awk -v tick="$(getconf CLK_TCK)" '{ print ($14 + $15) / tick }' "$task/stat" 2>/dev/null | tr '\n' ' '
    sed 's/[0-9]//g' "$task/comm" 2>/dev/null
  done | awk '{ cpu = $1; $1 = ""; by[$0] += cpu } END { for (t in by) if (by[t] > 0) printf "%8.2f %s\n", by[t], t }' \
    | sort -rn | head -n "${2:-12}"
}

# Builds a module's test classes and those of the modules it needs, and writes its test classpath to
# <module>/target/bench.classpath.
build_test_classpath() { # module
  (cd "$root" && ./mvnw -q -pl "$1" -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath)
}

# Runs a main class from a module's test classes with the JVM options ./tillstream uses, building first.
run_main() { # module class [args...]
  module=$1
  main=$2
  shift 2
  build_test_classpath "$module"
  # shellcheck disable=SC2086
  java $java_opts -cp "$root/$module/target/test-classes:$root/$module/target/classes:$(cat "$root/$module/target/bench.classpath")" \
    "$main" "$@"
}

# Runs a JMH benchmark class from a module's test classes, building the module and those it needs
# first; with no JMH options, 3 warm-up and 5 measured iterations of 2 s in 1 fork. Results are also
# written to <module>/target/jmh-<module>.json.
run_jmh() { # module benchmark-class [JMH options...]
  module=$1
  benchmark=$2
  shift 2
  build_test_classpath "$module"
  options=("$@")
  if [ ${#options[@]} -eq 0 ]; then
    options=(-wi 3 -i 5 -f 1)
  fi
  java -cp "$root/$module/target/test-classes:$root/$module/target/classes:$(cat "$root/$module/target/bench.classpath")" \
    org.openjdk.jmh.Main "$benchmark" "${options[@]}" -rf json -rff "$root/$module/target/jmh-$module.json"
}
