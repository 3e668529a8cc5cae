#!/usr/bin/env bash
# Milliseconds from launch to the ready line of `tillstream process`, on its first start (a new application id: it
# creates its internal topics) and on a restart (the same id again), against one `tillstream up` that an untimed
# start of each build has warmed (bench/up-startup.sh times the first start on a new cluster, beside `up` and
# `demo`). With OTHER, the directory of another checkout with its build, both builds start in turns, so that a
# shared machine's bursts fall on both; that untimed start also writes each build's class-data sharing archive.
# Usage: bench/process-startup.sh [rounds] [OTHER]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
rounds=${1:-5}
other=${2:-}
ensure_jar
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
kafka_port=29192
registry_port=29194
http_port=29196

# Prints the milliseconds the checkout in $1 took to be ready with application id $2, then stops it.
ready_ms() { # checkout application-id
  out="$work/$2.out"
  : > "$out"
  s=$(date +%s%N)
  "$1/tillstream" process --bootstrap-server "127.0.0.1:$kafka_port" --registry-url "http://127.0.0.1:$registry_port" \
    --http-port "$http_port" --application-id "$2" --state-dir "$work/state-$2" >> "$out" 2>&1 &
  pid=$!
  wait_for_line "$out" "Ctrl-C stops it" 60 >/dev/null || { cat "$out" >&2; exit 1; }
  echo $((($(date +%s%N) - s) / 1000000))
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

builds=("$root")
if [ -n "$other" ]; then builds+=("$(cd "$other" && pwd)"); fi
start_up "$kafka_port" "$registry_port"
for b in "${!builds[@]}"; do ready_ms "${builds[$b]}" "warm-$b" >/dev/null; done
declare -A first restart
for r in $(seq 1 "$rounds"); do
  for b in "${!builds[@]}"; do
    first[$b]="${first[$b]:-} $(ready_ms "${builds[$b]}" "app-$b-$r")"
    restart[$b]="${restart[$b]:-} $(ready_ms "${builds[$b]}" "app-$b-$r")"
  done
done
# The median of a list of numbers separated by spaces.
median_of() { echo "$1" | tr ' ' '\n' | grep . | median; }
for b in "${!builds[@]}"; do
  echo "${builds[$b]}: first start${first[$b]} ms (median $(median_of "${first[$b]}")); restart${restart[$b]} ms (median $(median_of "${restart[$b]}"))"
done
