# A Git host for the tests and the benchmarks: a system account for gitolite3, its own sshd on
# a spare port of 127.0.0.1, gitolite set up with Concord's hooks as repo-specific hooks, in
# the steps of Hooks/README.md's gitolite section. Sourced, after setting CONCORD (the binary),
# ROOT (the repository) and MEMBER_KEYS (the gitolite users to make keys for); it leaves
# WORK, HOST_HOME, KEYS, RC, PORT, URL and NOW set, the members' HOME knowing the host's key,
# and the functions below. Runs as root.

HOST_USER=concord-gitolite
WORK=$(mktemp -d /tmp/concord-gitolite.XXXXXX)
chmod 755 "$WORK"
HOST_HOME="$WORK/host"
KEYS="$WORK/keys"
NOW=2022-02-01T10:00:00Z
cleanup() {
    [ -f "$WORK/sshd.pid" ] && kill "$(cat "$WORK/sshd.pid")" 2>/dev/null || true
    userdel "$HOST_USER" 2>/dev/null || true
    rm -rf "$WORK"
}
[ -n "${KEEP:-}" ] || trap cleanup EXIT

as_host() { su -s /bin/sh "$HOST_USER" -c "cd '$HOST_HOME' && HOME='$HOST_HOME' $1"; }

# --- The host: an account for gitolite, its sshd on a spare port -----------------------------
userdel "$HOST_USER" 2>/dev/null || true
useradd --system --home-dir "$HOST_HOME" --create-home --shell /bin/sh "$HOST_USER"
usermod -p '*' "$HOST_USER"   # '*', not '!': sshd refuses key logins to a locked account
mkdir -p "$KEYS" /run/sshd
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ssh-keygen -q -t ed25519 -N '' -f "$WORK/ssh_host_ed25519_key"
cat > "$WORK/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $PORT
HostKey $WORK/ssh_host_ed25519_key
PidFile $WORK/sshd.pid
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
StrictModes no
AllowUsers $HOST_USER
EOF
/usr/sbin/sshd -f "$WORK/sshd_config" -E "$WORK/sshd.log"

for member in admin $MEMBER_KEYS; do ssh-keygen -q -t ed25519 -N '' -C "$member" -f "$KEYS/$member"; done
chmod 644 "$KEYS"/*.pub

# --- gitolite, as Hooks/README.md says --------------------------------------------------------
cp "$KEYS/admin.pub" "$HOST_HOME/admin.pub"
chown -R "$HOST_USER" "$HOST_HOME"
as_host "gitolite setup -pk admin.pub" >/dev/null 2>&1
RC="$HOST_HOME/.gitolite.rc"
# LOCAL_CODE and repo-specific hooks on; concord named for the hooks, since it is not on the
# hosting account's PATH here; and the hooks' clock fixed, as the members' is.
sed -i 's|# LOCAL_CODE                =>  "$ENV{HOME}/local",|LOCAL_CODE                =>  "$ENV{HOME}/local",|' "$RC"
sed -i "s|# 'repo-specific-hooks',|'repo-specific-hooks',|" "$RC"
# (A copy in the test's folder: the hosting account may not reach into the build's.)
cp "$CONCORD" "$WORK/concord"
sed -i "1i \$ENV{CONCORD} = '$WORK/concord';\n\$ENV{CONCORD_NOW} = '$NOW';" "$RC"
grep -q '^ *LOCAL_CODE *=> *"$ENV{HOME}/local"' "$RC" && grep -q "^ *'repo-specific-hooks'," "$RC"
mkdir -p "$HOST_HOME/local/hooks/repo-specific"
cp "$ROOT/Hooks/pre-receive" "$HOST_HOME/local/hooks/repo-specific/concord-pre-receive"
cp "$ROOT/Hooks/post-receive" "$HOST_HOME/local/hooks/repo-specific/concord-post-receive"
chmod 755 "$HOST_HOME"/local/hooks/repo-specific/*
# The lines of gitolite.conf that turn them on for a repository.
CONCORD_HOOK_OPTIONS='    option hook.pre-receive  = concord-pre-receive
    option hook.post-receive = concord-post-receive
'
chown -R "$HOST_USER" "$HOST_HOME"
as_host "gitolite setup" >/dev/null 2>&1

# The members know the host's key, as anyone does after checking it once: libgit2 and ssh
# both read it from ~/.ssh/known_hosts (ssh finds home in the password file, so it is named).
export HOME="$WORK/home"
mkdir -p "$HOME/.ssh"
ssh-keyscan -p "$PORT" -t ed25519 127.0.0.1 > "$HOME/.ssh/known_hosts" 2>/dev/null
ssh_for() { echo "ssh -i $KEYS/$1 -p $PORT -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$HOME/.ssh/known_hosts -o LogLevel=ERROR"; }
URL="ssh://$HOST_USER@127.0.0.1:$PORT"
export GIT_AUTHOR_NAME=Delegate GIT_AUTHOR_EMAIL=delegate@example.org GIT_COMMITTER_NAME=Delegate GIT_COMMITTER_EMAIL=delegate@example.org
export GIT_AUTHOR_DATE=$NOW GIT_COMMITTER_DATE=$NOW CONCORD_NOW=$NOW

as() {   # as MEMBER FOLDER git|concord ARGS...: in FOLDER, with MEMBER's key
    local member=$1 folder=$2; shift 2
    (cd "$folder" && GIT_SSH_COMMAND="$(ssh_for "$member")" CONCORD_SSH_KEY="$KEYS/$member" "$@")
}

configure() {   # configure CONF: gitolite.conf as the administrator pushes it, every member's key in keydir/
    [ -d "$WORK/admin" ] || GIT_SSH_COMMAND="$(ssh_for admin)" git clone -q "$URL/gitolite-admin" "$WORK/admin" 2>/dev/null
    for member in $MEMBER_KEYS; do cp "$KEYS/$member.pub" "$WORK/admin/keydir/"; done
    printf 'repo gitolite-admin\n    RW+ = admin\n%s\n' "$1" > "$WORK/admin/conf/gitolite.conf"
    git -C "$WORK/admin" add -A
    git -C "$WORK/admin" commit -q -m "Configure"
    GIT_SSH_COMMAND="$(ssh_for admin)" git -C "$WORK/admin" push -q origin master 2>/dev/null
}
