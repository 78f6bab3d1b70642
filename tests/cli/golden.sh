#!/usr/bin/env bash
# Golden test of the real binary. Usage: golden.sh CASE.sh
# CASE.sh calls `run ARGS...` for each quire command line; every command's
# stdout, stderr (lines starting "! ") and exit status are compared with
# CASE.out. UPDATE_GOLDEN=1 rewrites CASE.out instead.
# Commands run in tests/ so paths in output are short and stable.
set -u
case_file=$1
golden=${case_file%.sh}.out
: "${QUIRE_BIN:?QUIRE_BIN is not set}"
cd "$QUIRE_TESTS"
export CORPUS=$QUIRE_CORPUS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export WORK=$work

# run ARGS...: runs quire with ARGS (stdin from /dev/null unless given with <<<).
run() {
  printf '$ quire'
  printf ' %q' "$@"
  printf '\n'
  "$QUIRE_BIN" "$@" >"$work/out" 2>"$work/err"
  local status=$?
  cat "$work/out"
  sed 's/^/! /' "$work/err"
  printf '[exit %d]\n\n' "$status"
}

actual=$work/actual
( . "$case_file" ) </dev/null >"$actual" 2>&1
# the corpus and temporary folders differ between machines
sed -i -e "s#$QUIRE_CORPUS#\$CORPUS#g" -e "s#$work#\$WORK#g" "$actual"

if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$actual" "$golden"
  echo "updated $golden"
  exit 0
fi
if [ ! -f "$golden" ]; then
  echo "no golden file $golden; run with UPDATE_GOLDEN=1 to create it" >&2
  cat "$actual"
  exit 1
fi
if diff -u "$golden" "$actual"; then
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
  exit 1
fi
