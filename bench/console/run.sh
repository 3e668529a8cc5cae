#!/usr/bin/env bash
# The Control Center with 200 topics under a running demo, in one run:
#  1. content: `tillstream demo --rate 100` (Kafka, registry, sales processor, generator, console) on spare
#     ports in a temporary directory, then N extra topics of 3 partitions (every fourth with 600 records),
#     five consumer groups that lag, and 20 subjects of two versions each (bench ConsoleContent, through
#     Kafka's clients and the registry only, so the baseline below gets the same content).
#  2. pages: Debian's headless chromium driven by Playwright (bench PageTiming) opens each page RUNS times,
#     after one untimed round: overview, topics, raw_data with its message browser, consumer groups, the
#     sales processor's group, schema registry, a subject with its diff, sales; the time runs from the
#     start of the navigation until a selector that only the drawn data matches is visible. "load" opens
#     the page's URL as a new document (warm browser cache), "switch" comes from the previous page inside
#     the app. Median and max per page; target < 1 s.
#  3. API: Debian's wrk, 1 thread and 4 keep-alive connections for WRK_SECONDS per endpoint (after 2 s of
#     warm-up), against the GET endpoints those pages poll; p50 and p99 per endpoint; target p99 < 100 ms.
#  4. memory: the demo's resident set, sampled every second: its peak while the pages are timed, its peak
#     under wrk, its mean over the 20 s after ("after load", the figure the target is for), then once more
#     after a full collection (`jcmd GC.run`, which lets G1 hand back the heap it grew under load) with the
#     heap then in use (the live data). The baseline is the same demo with `--no-console`, the same
#     content, and the same wall time without page or API load, measured the same way. The difference is
#     what the console adds; target < 150 MB.
# The browser, wrk and the benchmark's own JVMs share the machine with the demo, so on a 2-core machine
# they slow what they measure; the load average is printed at the start and the end.
#
#   bench/console/run.sh [runs] [topics] [wrk-seconds]     defaults: 10 200 10
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
runs=${1:-10}
topics=${2:-200}
wrk_seconds=${3:-10}
port=49092
registry_port=49081
console_port=49021
http_port=49070
bootstrap=127.0.0.1:$port
registry=http://127.0.0.1:$registry_port
console=http://127.0.0.1:$console_port
processor=http://127.0.0.1:$http_port
group=tillstream-pipeline
settle=20

command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "chromium not found: apt-get install -y chromium" >&2; exit 1; }
ensure_jar
(cd "$root" && ./mvnw -q -B -f bench/pom.xml compile) >&2
cp="$root/bench/target/classes:$(bench_classpath)"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait; rm -rf "$work"' EXIT
# kafka-clients logs through logback, which without a configuration logs every request at debug level.
printf '<configuration><root level="WARN"/></configuration>\n' > "$work/logback.xml"
bench() { # main-class args...
  java -Xmx512m -Dlogback.configurationFile="$work/logback.xml" -cp "$cp" \
    "io.tillstream.bench.console.$1" "${@:2}"
}

# Starts the demo (extra options in $@), fills it and waits for counted sales; sets $demo (its pid).
start_demo() { # name options...
  # shellcheck disable=SC2086 # java_opts (lib.sh) holds several options
  java $java_opts -jar "$jar" demo --data-dir "$work/$1" --kafka-port $port --controller-port $((port + 1)) \
    --registry-port $registry_port --console-port $console_port --http-port $http_port --rate 100 --seed 1 "${@:2}" \
    > "$work/$1.out" 2>&1 &
  demo=$!
  wait_for_line "$work/$1.out" "Ctrl-C stops it" 180 >/dev/null || { cat "$work/$1.out"; exit 1; }
  bench ConsoleContent $bootstrap $registry "$topics"
  until [ "$(curl -sf "$processor/api/v1/sales/by-mall" | jq '[.rows[].invoices] | add // 0' 2>/dev/null || echo 0)" -gt 0 ]; do
    kill -0 "$demo" 2>/dev/null || { cat "$work/$1.out"; exit 1; }
    sleep 0.5
  done
}
stop_demo() { kill -TERM "$demo"; wait "$demo" 2>/dev/null || true; }
sample_rss() { # file: "epoch-seconds rss-kB" every second
  while kill -0 "$demo" 2>/dev/null; do echo "$(date +%s) $(ps -o rss= -p "$demo")" >> "$1"; sleep 1; done
}
# Peak and mean of the samples in [from, to), in MB.
rss_window() { # file from to
  awk -v a="$2" -v b="$3" '$1 >= a && $1 < b { n++; s += $2; if ($2 > m) m = $2 }
    END { printf "%d %d\n", m / 1024, n ? s / n / 1024 : 0 }' "$1"
}
# The phases' figures from a sample file whose load started at $2: pages peak, wrk peak, mean after.
memory_phases() { # file start
  read -r pages_peak _ <<< "$(rss_window "$1" "$2" $(($2 + pages_s)))"
  read -r wrk_peak _ <<< "$(rss_window "$1" $(($2 + pages_s)) $(($2 + pages_s + wrk_s)))"
  read -r _ after <<< "$(rss_window "$1" $(($2 + pages_s + wrk_s)) $(($2 + pages_s + wrk_s + settle)))"
  echo "$pages_peak $wrk_peak $after"
}
# Resident set and heap in use (MB) a few seconds after a full collection of the demo.
after_full_gc() {
  jcmd "$demo" GC.run > /dev/null
  sleep 5
  heap_kb=$(jcmd "$demo" GC.heap_info | sed -n 's/.*heap *total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -n 1)
  echo "$(rss_mb "$demo") $((heap_kb / 1024))"
}
to_ms() { # a wrk duration: 850.00us, 1.20ms, 1.05s
  awk -v d="$1" 'BEGIN { v = d + 0; if (d ~ /us$/) v /= 1000; else if (d ~ /[0-9]s$/ && d !~ /ms$/) v *= 1000; printf "%.1f", v }'
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Starting tillstream demo --rate 100 with the console and $topics extra topics..."
start_demo with-console
sample_rss "$work/rss-console" &
sampler=$!
load_start=$(date +%s)

echo
echo "Pages: time from navigation until the data is drawn ($runs runs each, after one untimed round)"
bench PageTiming "$console" "$runs" "$topics" | tee "$work/pages"
pages_s=$(($(date +%s) - load_start))

echo
echo "API: wrk -t1 -c4 -d${wrk_seconds}s --latency per endpoint"
endpoints=(/api/v1/cluster "/api/v1/cluster/throughput?since=0" /api/v1/topics /api/v1/topics/raw_data
  "/api/v1/topics/raw_data/messages?limit=50&raw=true" /api/v1/groups /api/v1/groups/$group
  /api/v1/schemas/subjects /api/v1/schemas/subjects/bench-topic-000-value /api/v1/sales/by-mall)
printf '%-52s %10s %9s %9s %7s\n' "endpoint" "requests/s" "p50 ms" "p99 ms" "non-2xx"
worst_p99=0
for path in "${endpoints[@]}"; do
  curl -sf -o /dev/null "$console$path" || { echo "GET $path failed" >&2; exit 1; }
  wrk -t1 -c4 -d2s "$console$path" > /dev/null
  out=$(wrk -t1 -c4 -d"${wrk_seconds}s" --latency "$console$path")
  p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
  p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
  rate=$(echo "$out" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }')
  errors=$(echo "$out" | awk '/Non-2xx/ { print $NF }')
  printf '%-52s %10s %9s %9s %7s\n' "$path" "$rate" "$p50" "$p99" "${errors:-0}"
  worst_p99=$(echo "$p99 $worst_p99" | awk '{ print ($1 > $2) ? $1 : $2 }')
done
wrk_s=$(($(date +%s) - load_start - pages_s))
sleep $settle
kill "$sampler"
read -r console_pages console_wrk console_after <<< "$(memory_phases "$work/rss-console" "$load_start")"
read -r console_gc console_heap <<< "$(after_full_gc)"
stop_demo

echo
echo "Baseline: the same demo and content with --no-console, for the same $((pages_s + wrk_s + settle)) s without page or API load..."
start_demo without-console --no-console
sample_rss "$work/rss-baseline" &
sampler=$!
base_start=$(date +%s)
sleep $((pages_s + wrk_s + settle))
kill "$sampler"
read -r base_pages base_wrk base_after <<< "$(memory_phases "$work/rss-baseline" "$base_start")"
read -r base_gc base_heap <<< "$(after_full_gc)"
stop_demo

echo
row() { printf '%-44s %13s %13s %9s\n' "$1" "$2" "$3" "$(($2 - $3))"; }
printf '%-44s %13s %13s %9s\n' "demo's memory (MB)" "with console" "--no-console" "console"
row "RSS peak while the pages were timed" "$console_pages" "$base_pages"
row "RSS peak under wrk" "$console_wrk" "$base_wrk"
row "RSS mean over the ${settle} s after (after load)" "$console_after" "$base_after"
row "RSS after a full GC (jcmd GC.run)" "$console_gc" "$base_gc"
row "heap in use after that GC" "$console_heap" "$base_heap"

echo
slowest=$(awk '/ ms / { for (i = 2; i <= NF; i++) if ($i == "ms" && $(i - 1) + 0 > m) m = $(i - 1) + 0 } END { print m + 0 }' "$work/pages")
echo "slowest page (any run, load or switch): $slowest ms   (target < 1000)"
echo "worst API p99: $worst_p99 ms   (target < 100)"
echo "console's memory after load: $((console_after - base_after)) MB   (target < 150)"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
