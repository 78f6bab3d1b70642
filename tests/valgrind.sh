#!/usr/bin/env bash
# valgrind memcheck over representative CLI runs on the real corpus:
# 0 errors and 0 bytes definitely lost (Lua frees its own memory at
# lua_close, libxml2 documents at __gc). Run by ctest as valgrind/cli.
#   tests/valgrind.sh QUIRE_BIN CORPUS
set -euo pipefail
bin=$1 corpus=$2
command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# a slice of the corpus keeps the run short: valgrind is ~30x slower
# (no `| head` here: under pipefail, sort dying of SIGPIPE when head has
# its 40 lines would end the script silently, as it once did in CI)
mapfile -t posts < <(find "$corpus" -name '*.md' | sort)
[ "${#posts[@]}" -ge 40 ] || { echo "expected 40+ posts in $corpus, found ${#posts[@]}"; exit 1; }
for f in "${posts[@]:0:40}"; do
  cp "$f" "$tmp/$(printf '%s' "$f" | md5sum | cut -c1-12).md"
done
status=0
run() {
  echo "== quire $*"
  valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite "$bin" -E "$@" >/dev/null 2>"$tmp/vg.log" || {
      code=$?
      # 1 only says some post had an error; 99 is valgrind's
      if [ "$code" -ne 1 ]; then cat "$tmp/vg.log"; status=1; fi
    }
  if grep -q '==[0-9]*==' "$tmp/vg.log"; then cat "$tmp/vg.log"; status=1; fi
}
run stats "$tmp"
run clean "$tmp" --format jsonl
run export "$tmp" --to sqlite -o "$tmp/out.db"
run -e 'for rec in quire.open() do local d = rec:dom(); d:select("p"); rec:text() end' "$tmp"
run -e 'quire.map(nil, function(rec) return #rec.title end, {jobs = 2})' "$tmp"
[ "$status" -eq 0 ] && echo "valgrind: 5 runs, 0 errors, 0 bytes definitely lost"
exit "$status"
