#!/bin/bash
# One member's push of a submission through gitolite over ssh, to a hub holding 193 members'
# comment branches on a 2,000-paragraph draft: with Concord's hooks (the rules judged, the
# receipt noted) and, in the same run, to a copy of the hub without them, and with stock
# `git push` to a third copy, the peer. Each push is timed
# end to end (ssh, gitolite, the hooks, the reference update), 11 times; medians and ratios
# are printed. The host is Tests/Gitolite/host.sh's. Runs as root.
#
# Usage: Benchmarks/Gitolite/push-bench.sh CONCORD_BINARY
set -euo pipefail

CONCORD=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MEMBER_KEYS="CHAIR M000"
. "$ROOT/Tests/Gitolite/host.sh"
MEMBERS=193
PARAGRAPHS=2000
RUNS=11

configure "$(printf 'repo drafts plain stock\n    RW+ = CHAIR M000\n')"

# The group: a 2,000-paragraph draft made from the seed report's sentences, 193 members, each
# with one paragraph amended.
CHAIR="$WORK/chair"
mkdir -p "$CHAIR"
python3 - "$ROOT/Drafts/wsis-report.txt" "$PARAGRAPHS" > "$WORK/draft.txt" <<'PY'
import sys
sentences = [line.split("\t")[-1].strip() for line in open(sys.argv[1], encoding="utf-8") if len(line) > 60]
for number in range(1, int(sys.argv[2]) + 1):
    print(f"{number}\t{sentences[number % len(sentences)]}")
PY
cd "$CHAIR"
"$CONCORD" init . >/dev/null
git config concord.autoPackObjects 0
"$CONCORD" draft import big "$WORK/draft.txt" >/dev/null
"$CONCORD" member add CHAIR --name Chair --kind chair >/dev/null
for index in $(seq 0 $((MEMBERS - 1))); do "$CONCORD" member add "$(printf 'M%03d' "$index")" --name "Member $index" >/dev/null; done
"$CONCORD" round open big --deadline 2099-12-31T23:59:00Z --as CHAIR >/dev/null
"$CONCORD" draft show big > "$WORK/base.txt"
for index in $(seq 0 $((MEMBERS - 1))); do
    member=$(printf 'M%03d' "$index")
    awk -v line=$((index * 10 + 5)) -v member="$member" 'NR == line { $0 = $0 " (" member ")" } { print }' "$WORK/base.txt" > "$WORK/mine.txt"
    "$CONCORD" submit big "$WORK/mine.txt" --as "$member" >/dev/null
done
for hub in drafts plain stock; do
    as CHAIR "$CHAIR" git push -q "$URL/$hub" 'refs/heads/*:refs/heads/*' 2>/dev/null
    as_host "git --git-dir=repositories/$hub.git symbolic-ref HEAD refs/heads/main"
done
configure "$(printf 'repo drafts plain stock\n    RW+ = CHAIR M000\nrepo drafts\n%s' "$CONCORD_HOOK_OPTIONS")"

# M000 submits again and pushes the same commit to both, each run.
PUSHER="$WORK/M000"
as M000 "$WORK" git clone -q "$URL/drafts" "$PUSHER" 2>/dev/null
git -C "$PUSHER" remote add plain "$URL/plain"
git -C "$PUSHER" remote add stock "$URL/stock"
as M000 "$PUSHER" "$CONCORD" pull origin >/dev/null
milliseconds() { echo $(( $(date +%s%N) / 1000000 )); }
timed() {   # timed COMMAND...: its wall time in ms, or FAILED
    local start; start=$(milliseconds)
    if "$@" >/dev/null 2>&1; then echo $(( $(milliseconds) - start )); else echo FAILED; fi
}
: > "$WORK/times"
for run in $(seq 1 $RUNS); do
    awk -v line=5 -v run="$run" 'NR == line { $0 = $0 " (run " run ")" } { print }' "$WORK/base.txt" > "$WORK/mine.txt"
    (cd "$PUSHER" && "$CONCORD" submit big "$WORK/mine.txt" --as M000 >/dev/null)
    echo "hook $(timed as M000 "$PUSHER" "$CONCORD" push origin --as M000)" >> "$WORK/times"
    echo "plain $(timed as M000 "$PUSHER" "$CONCORD" push plain --as M000)" >> "$WORK/times"
    echo "git $(timed as M000 "$PUSHER" git push -q stock comments/big/M000)" >> "$WORK/times"
done
python3 - "$WORK/times" "$MEMBERS" "$PARAGRAPHS" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    kind, value = line.split()
    times.setdefault(kind, []).append(value)
for kind in times:
    if "FAILED" in times[kind]:
        sys.exit(f"a push to the {kind} hub failed")
hook, plain, git = (statistics.median(int(t) for t in times[k]) for k in ("hook", "plain", "git"))
print(f"concord push of one submission over ssh through gitolite, {sys.argv[2]} members' branches on {sys.argv[3]} paragraphs, "
      f"median of {len(times['hook'])}:")
print(f"  with Concord's hooks   {hook:6.0f} ms   (runs: {' '.join(times['hook'])})")
print(f"  without hooks          {plain:6.0f} ms   (runs: {' '.join(times['plain'])})")
print(f"  the hooks' share       {hook - plain:6.0f} ms   (ratio {hook / plain:.2f})")
print(f"  git push, no hooks     {git:6.0f} ms   (runs: {' '.join(times['git'])}; concord with hooks / git: {hook / git:.2f})")
PY
