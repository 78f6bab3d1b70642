# quire run SCRIPT: arg table, ..., typed --set values in quire.opts, and
# how script errors, syntax errors and missing scripts are reported.
cat >"$WORK/show.lua" <<'LUA'
print("arg[0]", arg[0] == (...) and "?" or arg[0]:match("[^/]*$"))
print("#arg", #arg, "...", select("#", ...))
for i, a in ipairs(arg) do print(i, a, a == select(i, ...)) end
local keys = {}
for k in pairs(quire.opts) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do
  local v = quire.opts[k]
  print(k, math.type(v) or type(v), v)
end
LUA
run -E run "$WORK/show.lua" a.md b --set n=42 --set x=1.5 --set yes=true --set no=false \
  --set s=hello --set neg=-3 --set e=1e3 --set empty= --set eq=a=b --set sp=' 12'
cat >"$WORK/fail.lua" <<'LUA'
local function inner() error("the archive is empty") end
print("before")
inner()
LUA
run -E run "$WORK/fail.lua"
# line numbers inside the bundled quire/*.lua change as it is edited
run -E run "$WORK/fail.lua" --traceback | sed -E 's#(quire/[a-z]+\.lua):[0-9]+#\1:N#g'
printf 'local x = \n' >"$WORK/syntax.lua"
run -E run "$WORK/syntax.lua"
run -E run "$WORK/missing.lua"
run -E run "$WORK/show.lua" --jobs
run -E run "$WORK/show.lua" --jobs=many
run -E run "$WORK/show.lua" --set =1
run -E run "$WORK/show.lua" --quiet=yes
printf 'os.exit(3)\n' >"$WORK/exit.lua"
run -E run "$WORK/exit.lua"
# no script: the usage goes to stderr with status 2
run -E run
