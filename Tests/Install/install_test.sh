#!/usr/bin/env bash
# `make install` into a temporary PREFIX, then what it installed used as a user would: the
# binary's --version, every command's man page read by `man -l`, the bash completion sourced
# by bash and asked to complete, and the zsh and fish scripts in their places.
set -euo pipefail
cd "$(dirname "$0")/../.."
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() { echo "install test: $*" >&2; exit 1; }

make --no-print-directory install PREFIX="$prefix" >/dev/null
concord="$prefix/bin/concord"
[ -x "$concord" ] || fail "no executable at bin/concord"

version=$("$concord" --version)
[[ "$version" =~ ^concord\ [0-9]+\.[0-9]+\.[0-9]+\ \(libgit2\ [0-9]+\.[0-9]+\.[0-9]+\)$ ]] \
  || fail "concord --version printed: $version"

# A page for every command the binary has, each read by man, naming its command in its
# synopsis, and a leaf command's ending with its examples.
commands=$("$concord" --experimental-dump-help | python3 -c '
import json, sys
def walk(command, path):
    subcommands = [s for s in command.get("subcommands") or [] if s["commandName"] != "help"]
    print(".".join(path) + ("" if subcommands else " leaf"))
    for sub in subcommands: walk(sub, path + [sub["commandName"]])
walk(json.load(sys.stdin)["command"], ["concord"])')
[ "$(wc -l <<<"$commands")" -gt 20 ] || fail "too few commands: $commands"
while read -r name kind; do
  page="$prefix/share/man/man1/$name.1"
  [ -f "$page" ] || fail "no man page for $name"
  text=$(MAN_DISABLE_SECCOMP=1 MANWIDTH=200 man -l "$page" 2>/dev/null | col -b)
  grep -q "^ *${name//./ } " <<<"$text" || grep -q "^ *${name//./ }$" <<<"$text" || fail "$name.1 does not name '${name//./ }'"
  # `--help` after the command, as most people ask, names concord in its usage line.
  words=(${name//./ })
  usage=$("$concord" "${words[@]:1}" --help | grep '^USAGE:')
  [[ "$usage" == "USAGE: ${name//./ }"* ]] || fail "'${name//./ } --help' says: $usage"
  if [ "$kind" = leaf ]; then
    grep -Eq "^ +Examples?:" <<<"$text" || fail "$name.1 has no example"
    grep -Eq "^ +${name//./ }( |$)" <<<"$(sed -n '/Examples\?:/,$p' <<<"$text")" || fail "$name.1's examples do not run ${name//./ }"
  fi
done <<<"$commands"

# bash: subcommands complete from their first letters.
completed=$(bash -c "source '$prefix/share/bash-completion/completions/concord'
  COMP_WORDS=(concord rou); COMP_CWORD=1; COMP_LINE='concord rou'; COMP_POINT=\${#COMP_LINE}
  _concord concord rou concord; printf '%s\n' \"\${COMPREPLY[@]}\"")
[ "$completed" = round ] || fail "bash completed 'concord rou' as: $completed"
completed=$(bash -c "source '$prefix/share/bash-completion/completions/concord'
  COMP_WORDS=(concord round ''); COMP_CWORD=2; COMP_LINE='concord round '; COMP_POINT=\${#COMP_LINE}
  _concord concord '' round; printf '%s\n' \"\${COMPREPLY[@]}\"")
grep -qx open <<<"$completed" && grep -qx admit <<<"$completed" || fail "bash completed 'concord round ' as: $completed"
grep -q '^#compdef concord' "$prefix/share/zsh/site-functions/_concord" || fail "no zsh completion"
grep -q "complete -c 'concord'" "$prefix/share/fish/vendor_completions.d/concord.fish" || fail "no fish completion"
echo "install test: passed ($(wc -l <<<"$commands") man pages, completions for bash, zsh and fish)"
