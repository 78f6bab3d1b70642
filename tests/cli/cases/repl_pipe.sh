# The REPL with standard input not a terminal: no prompt, no line editing,
# the same evaluation and printing (cards, record tables, caps, widths).
run -E repl ../examples/archive <<'LUA'
1 + 1
local x = 20
x * 2 + 2
_ / 2
recs[1]
recs:head(3)
{1, 2, {3, {4, {5, {6}}}}, name = "中文", long = string.rep("长", 60)}
string.rep("ab中", 40)
function fact(n)
  if n <= 1 then return 1 end
  return n * fact(n - 1)
end
fact(5), fact(6)
error("boom")
x = = 1
#recs
help(quire.open)
nil
LUA
run -E repl ../examples/archive --where "source == 'IT 之家'" <<'LUA'
#recs
recs:head()
for i, r in ipairs(recs) do print(i, r.title) end
LUA
run -E repl <<'LUA'
function f(
LUA
