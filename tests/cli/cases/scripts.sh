# quire scripts / eject with --lua-dir, so nothing touches $HOME; a user copy
# wins over the bundled one; -E ignores $QUIRE_PATH.
export HOME="$WORK/home"
lua="$WORK/lua"
# rows of other bundled modules come and go as modules are added, and the
# name column's width with them: keep quire, re, quire.record, quire.yaml
# and every user copy, with single spacing
rows() {
  sed -E 's/ {2,}/  /' |
    awk '!($2 == "bundled" && $1 ~ /^quire\./ && $1 != "quire.record" && $1 != "quire.yaml")'
}
run -E --lua-dir "$lua" scripts | rows
run -E --lua-dir "$lua" eject record
run -E --lua-dir "$lua" eject record
run -E --lua-dir "$lua" eject quire.yaml
run -E --lua-dir "$lua" eject nosuch
run -E --lua-dir "$lua" scripts | rows
# an edited user copy takes effect
cat >"$lua/quire/yaml.lua" <<'LUA'
local yaml = {null = require("quire.c.yaml").null}
function yaml.load() return {title = "from the user's yaml.lua"} end
return yaml
LUA
run -E --lua-dir "$lua" -e 'print(quire.record.parse("---\ntitle: x\n---\n", "p.md").title)'
run -E -e 'print(quire.record.parse("---\ntitle: x\n---\n", "p.md").title)'
# $QUIRE_PATH is a look-up folder, unless -E
mkdir -p "$WORK/qp/quire"
printf 'return {greeting = "from QUIRE_PATH"}\n' >"$WORK/qp/quire/hello.lua"
export QUIRE_PATH="$WORK/qp"
run -e 'print(require("quire.hello").greeting)'
run -E -e 'print(pcall(require, "quire.hello"))' | sed -n '1,2p;/^\[exit/,$p'
run scripts | rows
unset QUIRE_PATH
