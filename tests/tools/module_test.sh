#!/usr/bin/env bash
# quire.so under Debian's stock lua5.4: require "quire" gives the same API
# as the binary, and the module brings no copy of Lua of its own. Then
# cmake --install into a scratch prefix puts everything where it belongs
# and lua5.4 finds the installed module.
#   module_test.sh PATH/TO/quire.so BUILD_DIR
set -u
module=$1
build=$2
root=${QUIRE_ROOT:?}
passed=0 failed=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); printf 'FAIL %s\n  want: %s\n  got:  %s\n' "$1" "$2" "$3" >&2; fi
}
command -v lua5.4 >/dev/null || { echo "lua5.4 is not installed (scripts/setup installs it)" >&2; exit 1; }

dir=$(dirname "$module")
lua_chunk='
local quire = require "quire"
local n, sources = 0, {}
for rec in quire.open(os.getenv("ARCHIVE")) do
  n = n + 1
  sources[rec.source] = true
end
local rec = quire.record.parse("---\ntitle: T\ndate: 2021-08-09 12:00:00\n---\n<p>x</p>", "a.md")
print(n, sources["36kr"], rec.date, getmetatable(rec).__name, type(quire.map), quire.version == require("quire").version)'
got=$(cd "$root" && ARCHIVE=examples/archive LUA_CPATH="$dir/?.so;;" lua5.4 -e "$lua_chunk" 2>&1)
check "lua5.4 requires quire.so" "10	true	2021-08-09T04:00:00Z	quire.Record	function	true" "$got"

got=$(LUA_CPATH="$dir/?.so;;" lua5.4 -e 'require "quire"; print(package.preload["quire.c.record"] ~= nil, require("lpeg").version ~= nil)' 2>&1)
check "C modules preloaded in the caller's state" "true	true" "$got"

got=$(objdump -p "$module" | awk '$1 == "NEEDED" && $2 ~ /^liblua5\.4\.so/ {print $2}')
check "quire.so does not link liblua" "" "$got"

prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null 2>&1
for f in bin/quire lib/lua/5.4/quire.so share/man/man1/quire.1 share/quire/lua/quire/init.lua \
         share/quire/types/quire.lua share/quire/examples/archive; do
  check "installed $f" yes "$([ -e "$prefix/$f" ] && echo yes || echo no)"
done
got=$(LUA_CPATH="$prefix/lib/lua/5.4/?.so" lua5.4 -e 'print(require("quire").record ~= nil)' 2>&1)
check "lua5.4 finds the installed module" "true" "$got"
got=$("$prefix/bin/quire" -E -e 'print(1 + 1)' 2>&1)
check "the installed binary runs" "2" "$got"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
