#!/usr/bin/env bash
# The cost of security, same run, as ratios: `tillstream up --users-file --tls` (Kafka SASL_SSL with
# SCRAM-SHA-512, https registry with basic auth) against an open `tillstream up` (PLAINTEXT, http):
#   - generate --rate max records/s (Avro through the registry, acks=all),
#   - registry GET /schemas/ids/{id} requests/s (wrk, keep-alive connections; the secured side sends
#     basic auth on every request),
#   - up's time to ready: first start (with TLS: making the local CA and certificate) and restart.
#
#   bench/security-cost.sh [records] [rounds]   defaults: 500000 3
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
records=${1:-500000}
rounds=${2:-3}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
ensure_jar
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait; rm -rf "$work"' EXIT
printf 'bench: benchpw,admin\n' > "$work/users"
schema='{"schema": "{\"type\":\"record\",\"name\":\"Bench\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}"}'

start() { # name kafka_port registry_port [up options...]: sets $pid and $took
  name=$1; kport=$2; rport=$3; shift 3
  : > "$work/$name.out"
  s=$(date +%s.%N)
  "$root/tillstream" up --data-dir "$work/$name" --kafka-port "$kport" --controller-port $((kport + 1)) \
    --registry-port "$rport" --no-console "$@" >> "$work/$name.out" 2>&1 &
  pid=$!
  wait_for_line "$work/$name.out" "Tillstream is up" 300 || { cat "$work/$name.out" >&2; exit 1; }
  took=$(echo "$(date +%s.%N) - $s" | bc)
}
stop() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; }
field() { sed -n "s/^$2: *\([0-9.]*\).*/\1/p" "$1"; }

measure() { # name kafka_port registry_url [client options...]: prints "generate-records/s ids-requests/s"
  name=$1; kport=$2; url=$3; shift 3
  # shellcheck disable=SC2086
  java $java_opts -jar "$jar" generate --rate max --count "$records" --topic "bench-$RANDOM" \
    --bootstrap-server 127.0.0.1:$kport --registry-url "$url" "$@" > "$work/$name.gen" 2> "$work/$name.err" \
    || { cat "$work/$name.err" >&2; exit 1; }
  curl_auth=(); wrk_auth=()
  if [ "${url#https}" != "$url" ]; then
    curl_auth=(--cacert "$work/$name/tls/ca.pem" -u bench:benchpw)
    wrk_auth=(-H "Authorization: Basic $(printf 'bench:benchpw' | base64)")
  fi
  id=$(curl -fsS "${curl_auth[@]}" -X POST -H 'Content-Type: application/vnd.schemaregistry.v1+json' --data "$schema" \
    "$url/subjects/bench-value/versions" | sed 's/.*"id":\([0-9]*\).*/\1/')
  rps=$(wrk -t2 -c16 -d10s "${wrk_auth[@]}" "$url/schemas/ids/$id" | sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p')
  echo "$(field "$work/$name.gen" "Records\/s") $rps"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-8s %12s %12s %10s %10s\n' "round" "side" "generate/s" "GET ids/s" "first(s)" "again(s)"
for round in $(seq 1 "$rounds"); do
  rm -rf "$work/open" "$work/secured"
  start open 39392 39381; open_first=$took; stop
  start open 39392 39381; open_again=$took
  read -r open_gen open_rps < <(measure open 39392 http://127.0.0.1:39381); stop
  start secured 39492 39481 --users-file "$work/users" --tls; sec_first=$took; stop
  start secured 39492 39481 --users-file "$work/users" --tls; sec_again=$took
  read -r sec_gen sec_rps < <(measure secured 39492 https://127.0.0.1:39481 --command-config "$work/secured/client.properties"); stop
  printf '%-6s %-8s %12.0f %12.0f %10.2f %10.2f\n' "$round" open "$open_gen" "$open_rps" "$open_first" "$open_again"
  printf '%-6s %-8s %12.0f %12.0f %10.2f %10.2f\n' "" secured "$sec_gen" "$sec_rps" "$sec_first" "$sec_again"
  printf '%-6s %-8s %12.2f %12.2f %10.2f %10.2f\n' "" ratio "$(echo "$sec_gen / $open_gen" | bc -l)" \
    "$(echo "$sec_rps / $open_rps" | bc -l)" "$(echo "$sec_first / $open_first" | bc -l)" "$(echo "$sec_again / $open_again" | bc -l)"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
