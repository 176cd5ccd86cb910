#!/bin/bash
# The shared repository on a real Git host: gitolite3 behind its own sshd on 127.0.0.1, set up
# as Hooks/README.md's gitolite section says, with Concord's hooks as repo-specific hooks.
# Members push and pull over ssh with stock git and with `concord push/pull` (libgit2, the key
# named by CONCORD_SSH_KEY); the pusher is who gitolite says it is (GL_USER, from the member's
# key). Checked: every rule of the shared repository with that identity, a push refused by
# gitolite's own rules and one by Concord's, each with its reason, and the receipts the
# post-receive hook writes.
#
# Runs as root (it adds the hosting account and starts sshd); `scripts/setup --tests`
# installs gitolite3 and openssh-server.
#
# Usage: Tests/Gitolite/gitolite_test.sh CONCORD_BINARY
set -euo pipefail

CONCORD=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MEMBER_KEYS="CHAIR F RUS mallory"
. "$ROOT/Tests/Gitolite/host.sh"
failures=0

check() {   # check DESCRIPTION COMMAND...: the command's success is the check
    local what=$1; shift
    if "$@" >/dev/null 2>&1; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}

conf() {   # conf WITH_HOOKS: the drafts repository, its hooks on or not
    printf 'repo drafts\n    RW+ = CHAIR F RUS\n    R   = mallory\n'
    [ "$1" = no ] || printf '%s' "$CONCORD_HOOK_OPTIONS"
}

configure "$(conf no)"

# --- The group: the chair seeds main, then the hooks go on -------------------------------------
CHAIR="$WORK/chair"
mkdir -p "$CHAIR"
(cd "$CHAIR" && "$CONCORD" init . >/dev/null && git config concord.autoPackObjects 0 \
    && "$CONCORD" draft import res140 "$ROOT/Drafts/res140.txt" >/dev/null \
    && "$CONCORD" member add CHAIR --name "Chair of the group" --kind chair >/dev/null \
    && "$CONCORD" member add F --name France >/dev/null \
    && "$CONCORD" member add RUS --name "Russian Federation" >/dev/null \
    && "$CONCORD" round open res140 --deadline 2022-02-18T23:59:00+01:00 --as CHAIR >/dev/null)
as CHAIR "$CHAIR" git push -q "$URL/drafts" main 2>/dev/null
# gitolite creates repositories with HEAD on master: clones check out main.
as_host "git --git-dir=repositories/drafts.git symbolic-ref HEAD refs/heads/main"
configure "$(conf yes)"

for member in F RUS; do as "$member" "$WORK" git clone -q "$URL/drafts" "$WORK/$member" 2>/dev/null; done
edit() {   # edit FOLDER OLD NEW: the draft as shown, one phrase replaced, in FOLDER/mine.txt
    (cd "$1" && "$CONCORD" draft show res140 | sed "s/$2/$3/" > mine.txt)
}

# Concord's push through libgit2 over ssh, the pusher named by gitolite.
edit "$WORK/F" "a leading role" "an essential role"
(cd "$WORK/F" && "$CONCORD" submit res140 mine.txt --as F >/dev/null)
missing=$(cd "$WORK/F" && CONCORD_SSH_KEY="$KEYS/none" "$CONCORD" push origin --as F 2>&1 || true)
check "a CONCORD_SSH_KEY that names no file is refused in one line naming it" \
    grep -q "CONCORD_SSH_KEY names $KEYS/none, which is not a readable file" <<<"$missing"
pushed=$(as F "$WORK/F" "$CONCORD" push origin --as F 2>&1 || true)
check "concord push over ssh (libgit2, CONCORD_SSH_KEY): F's branch lands" grep -q "pushed refs/heads/comments/res140/F" <<<"$pushed"
tip=$(git -C "$WORK/F" rev-parse comments/res140/F)
check "the post-receive hook notes who pushed it (GL_USER from the key)" \
    as_host "git --git-dir=repositories/drafts.git notes --ref=concord/pushes show $tip | grep -q 'refs/heads/comments/res140/F pushed by F (GL_USER=F)'"

# Stock git, the same rules.
edit "$WORK/F" "a leading role" "a central role"
(cd "$WORK/F" && "$CONCORD" submit res140 mine.txt --as F >/dev/null)
check "stock git push over ssh: F's next submission lands" as F "$WORK/F" git push -q origin comments/res140/F

as RUS "$WORK/RUS" git fetch -q origin
(cd "$WORK/RUS" && git checkout -q -b mine origin/comments/res140/F && echo >> Drafts/res140.txt && git commit -qam "Into France's branch")
other=$(as RUS "$WORK/RUS" git push origin mine:comments/res140/F 2>&1 || true)
check "Concord refuses RUS writing F's branch, with its reason" \
    grep -q "refused refs/heads/comments/res140/F: only F writes its comment branches; RUS pushes to" <<<"$other"

(cd "$WORK/F" && git checkout -q main && echo "# note" >> Drafts/res140.rounds.toml && git commit -qam "Edit main")
main=$(as F "$WORK/F" git push origin main 2>&1 || true)
check "Concord refuses a member's push to main" grep -q "refused refs/heads/main: only the chair or the secretariat update it; F is a member-state" <<<"$main"
git -C "$WORK/F" reset -q --hard origin/main

git -C "$WORK/F" checkout -q comments/res140/F
(cd "$WORK/F" && git commit -q --amend -m "Rewritten")
rewrite=$(as F "$WORK/F" git push -f origin comments/res140/F 2>&1 || true)
check "Concord refuses rewriting history others rely on" grep -q "not a fast-forward of" <<<"$rewrite"
git -C "$WORK/F" reset -q --hard origin/comments/res140/F

printf 'RESOLUTION\0 140\n' > "$WORK/F/Drafts/res140.txt"
(cd "$WORK/F" && git commit -qam "Binary")
binary=$(as F "$WORK/F" git push origin comments/res140/F 2>&1 || true)
check "Concord refuses a draft that does not parse" grep -q "Drafts/res140.txt: line 1: a NUL byte" <<<"$binary"
git -C "$WORK/F" reset -q --hard origin/comments/res140/F

(cd "$WORK/F" && rm Drafts/res140.txt && ln -s /etc/passwd Drafts/res140.txt && git commit -qam "Link")
link=$(as F "$WORK/F" git push origin comments/res140/F 2>&1 || true)
check "Concord refuses a symbolic link under Drafts/" grep -q "Drafts/res140.txt is a symbolic link" <<<"$link"
git -C "$WORK/F" reset -q --hard origin/comments/res140/F

denied=$(as mallory "$WORK/RUS" git push origin mine:comments/res140/mallory 2>&1 || true)
check "gitolite refuses a push its own rules forbid, with its reason" grep -q "DENIED" <<<"$denied"

pulled=$(as RUS "$WORK/RUS" "$CONCORD" pull origin 2>&1 || true)
check "concord pull over ssh brings F's branch" grep -q "comments/res140/F" <<<"$pulled"

# A hook that dies: the hooks run Concord through a wrapper that has strace kill the named hook
# at its Nth call of a system call.
kill_hook() {   # kill_hook HOOK SYSCALL N, or kill_hook none
    cat > "$WORK/concord-wrapper" <<EOF
#!/bin/sh
[ "\$2" = "$1" ] && exec strace -f -qq -o /dev/null -e inject=${2:-openat}:signal=KILL:when=${3:-1} "$WORK/concord" "\$@"
exec "$WORK/concord" "\$@"
EOF
    chmod 755 "$WORK/concord-wrapper"
}
kill_hook none
sed -i "s|^\$ENV{CONCORD} = '$WORK/concord';|\$ENV{CONCORD} = '$WORK/concord-wrapper';|" "$RC"
hub_tip() { as_host "git --git-dir=repositories/drafts.git rev-parse --verify -q refs/heads/comments/res140/F" 2>/dev/null || true; }
receipt_of() { as_host "git --git-dir=repositories/drafts.git notes --ref=concord/pushes show $1" 2>/dev/null || true; }

git -C "$WORK/F" checkout -q main
before=$(hub_tip)
kill_hook pre-receive openat 40
edit "$WORK/F" "a leading role" "a guiding role"
(cd "$WORK/F" && "$CONCORD" submit res140 mine.txt --as F >/dev/null)
killed=$(as F "$WORK/F" git push origin comments/res140/F 2>&1 || true)
check "a pre-receive hook killed midway refuses the push" grep -q "pre-receive hook declined" <<<"$killed"
check "and leaves the shared branch where it was" test "$(hub_tip)" = "$before"
check "and the repository consistent" as_host "git --git-dir=repositories/drafts.git fsck --no-dangling"

kill_hook post-receive rename 1
lost_tip=$(git -C "$WORK/F" rev-parse comments/res140/F)
landed=$(as F "$WORK/F" git push origin comments/res140/F 2>&1 || true)
check "a push whose post-receive hook is killed has landed" test "$(hub_tip)" = "$lost_tip"
check "its receipt is not noted yet" test -z "$(receipt_of "$lost_tip")"
kill_hook none
edit "$WORK/F" "a leading role" "a steering role"
(cd "$WORK/F" && "$CONCORD" submit res140 mine.txt --as F >/dev/null)
next=$(as F "$WORK/F" git push origin comments/res140/F 2>&1 || true)
check "the next push notes the receipt the killed hook left, and says so" \
    grep -q "1 receipt(s) of an earlier push whose post-receive hook was interrupted are noted now" <<<"$next"
check "so no receipt is lost" grep -q "pushed by F (GL_USER=F)" <<<"$(receipt_of "$lost_tip")"
check "and the new push's own is there too" grep -q "pushed by F (GL_USER=F)" <<<"$(receipt_of "$(hub_tip)")"

# After the deadline, by the host's clock.
sed -i "s|^\$ENV{CONCORD_NOW} = '$NOW';|\$ENV{CONCORD_NOW} = '2022-02-20T10:00:00Z';|" "$RC"
edit "$WORK/F" "a leading role" "a key role"
(cd "$WORK/F" && git checkout -q comments/res140/F && "$CONCORD" submit res140 mine.txt --as F >/dev/null)
late=$(as F "$WORK/F" "$CONCORD" push origin --as F 2>&1 || true)
check "Concord refuses a submission after the deadline, and concord push says why" \
    grep -q "refused refs/heads/comments/res140/F: the deadline of round 1 on res140 (2022-02-18T23:59:00+01:00) has passed" <<<"$late"

if [ "$failures" -gt 0 ]; then
    echo "$failures gitolite check(s) failed; sshd's log: $(tail -5 "$WORK/sshd.log")" >&2
    exit 1
fi
echo "gitolite tests passed"
