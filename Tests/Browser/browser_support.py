"""What the browser tests share: the binary and the screenshot folder from the command line,
the sample resolution, a fixed clock and author, `concord` run in a repository, and checks
that print as they go and are counted at the end."""
import os
import subprocess
import sys

CONCORD = os.path.abspath(sys.argv[1])
SHOTS = os.path.abspath(sys.argv[2])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = os.path.join(ROOT, "Drafts", "res140.txt")
ENV = dict(os.environ, CONCORD_NOW="2022-02-01T10:00:00Z", GIT_AUTHOR_NAME="Secretariat", GIT_AUTHOR_EMAIL="sec@example.org",
           GIT_COMMITTER_NAME="Secretariat", GIT_COMMITTER_EMAIL="sec@example.org")
failures = []


def concord(*arguments, repo, now=None, allowed=(0,)):
    """Runs concord in `repo` (at `now`, if given); its output, or the test stops on an exit
    code not `allowed`."""
    env = dict(ENV, CONCORD_NOW=now) if now else ENV
    result = subprocess.run([CONCORD, *arguments], cwd=repo, env=env, capture_output=True, text=True)
    if result.returncode not in allowed:
        raise SystemExit(f"concord {' '.join(arguments)}: {result.stderr}")
    return result.stdout


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)
