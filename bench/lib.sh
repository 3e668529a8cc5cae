# Shared by the benchmark scripts: where things are and how to reach Kafka's own tools.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/cli/target/tillstream.jar"
# The JVM options ./tillstream runs with, so benchmarks measure what users run.
java_opts=${TILLSTREAM_JAVA_OPTS:-$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$root/tillstream")}

# Prints the classpath of Apache Kafka's tools (kafka-tools), resolving it once with the wrapper.
kafka_tools_classpath() {
  cp_file="$root/bench/target/kafka-tools.classpath"
  if [ ! -s "$cp_file" ]; then
    (cd "$root" && ./mvnw -q -B -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file") >&2
  fi
  cat "$cp_file"
}

# Builds the runnable jar if it is missing or older than the sources.
ensure_jar() {
  "$root/tillstream" --version >/dev/null
}

# Waits until a file contains a line matching a pattern; prints the seconds waited.
wait_for_line() { # file pattern timeout_s
  start=$(date +%s.%N)
  while ! grep -q "$2" "$1" 2>/dev/null; do
    if [ "$(echo "$(date +%s.%N) - $start > $3" | bc)" = 1 ]; then echo timeout; return 1; fi
    sleep 0.02
  done
}

rss_mb() { # pid
  echo $(( $(ps -o rss= -p "$1") / 1024 ))
}
