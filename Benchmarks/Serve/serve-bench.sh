#!/usr/bin/env bash
# The web app under load, on loopback: `concord serve` (release build) on the repository of
# concord-bench-consolidation (193 members who have each submitted on a 2,000-paragraph draft),
# measured with wrk (Debian) and curl:
#   1. the consolidated page and the status page, the first request after a change (the cost
#      of a change) and then p50/p99 under 32 connections with nothing changed;
#   2. 20 members uploading an edited text at once (the preview, which checks and diffs it as
#      `concord submit` does), each upload's time;
#   3. the server's peak resident memory.
#
#   make release && Benchmarks/Serve/serve-bench.sh [SETUP]
# SETUP: a folder kept by `concord-bench-consolidation --keep` (made here when not given).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
concord="$root/.build/release/concord"
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get update -qq; $sudo apt-get install -y -qq wrk >/dev/null; }

setup="${1:-}"
if [ -z "$setup" ]; then
  echo "setting up 193 members × 2,000 paragraphs (concord-bench-consolidation --keep; not timed)…"
  setup=$("$root/.build/release/concord-bench-consolidation" --runs 1 --keep | sed -n 's/^kept //p')
fi
repo="$setup/drafts"
export CONCORD_NOW="2022-02-01T10:00:00Z" GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
work=$(mktemp -d)
"$concord" serve --repo "$repo" --port "$port" > "$work/access.log" 2>"$work/serve.err" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "$base/signed-out" && break; sleep 0.1; done

# A member's session cookie, from its sign-in link.
session() {
  local link; link=$("$concord" member token "$1" --repo "$repo" --url "$base" | sed 's/.*: //')
  curl -s -o /dev/null -c - "$link" | awk '$6 == "concord-session" { print "concord-session=" $7 }'
}
chair=$(session CHAIR)

page() {  # PATH: the first request (after a change), then wrk with nothing changed
  sleep 3  # what an earlier wrk left queued is served first
  local first; first=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $chair" "$base$1")
  printf '%-28s first request %6.0f ms; ' "$1" "$(echo "$first * 1000" | bc)"
  wrk -t2 -c32 -d10s --latency -H "Cookie: $chair" "$base$1" \
    | awk '/^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /Requests\/sec/ { rps = $2 } END { printf "32 connections: p50 %s, p99 %s, %s requests/s\n", p50, p99, rps }'
}
echo "concord serve on $repo"
page /drafts/bench/consolidated
page /drafts/bench/status

# 20 members upload at once: each its own session, edited text and CSRF token.
for i in $(seq 0 19); do
  cookie=$(session "M$i")
  csrf=$(curl -s -H "Cookie: $cookie" "$base/drafts/bench" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | sed -n 1p)
  "$concord" draft show bench --repo "$repo" | sed "0,/\t/s/\t/\tmodifié /" > "$work/M$i.txt"
  printf '%s\n%s\n' "$cookie" "$csrf" > "$work/M$i.session"
done
uploads=()
for i in $(seq 0 19); do
  { cookie=$(sed -n 1p "$work/M$i.session"); csrf=$(sed -n 2p "$work/M$i.session")
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Cookie: $cookie" -F "csrf=$csrf" -F "file=@$work/M$i.txt" \
      "$base/drafts/bench/preview" > "$work/M$i.upload"; } &
  uploads+=($!)
done
wait "${uploads[@]}"
sort -k2 -n "$work"/M*.upload | awk '{ t[NR] = $2 * 1000; codes[$1]++ } END {
  printf "20 uploads at once (preview): fastest %.0f ms, median %.0f ms, slowest %.0f ms;", t[1], t[10], t[NR]
  for (c in codes) printf " %d × HTTP %s", codes[c], c; print "" }'
printf 'peak resident memory of the server: %s\n' "$(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$server/status)"
printf 'access log: %s lines, e.g. %s\n' "$(wc -l < "$work/access.log")" "$(tail -1 "$work/access.log")"
