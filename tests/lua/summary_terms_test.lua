-- quire.terms: terms learned from the corpus by PMI and neighbour entropy;
-- after learning, 吴政隆 segments as one word.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local terms = require "quire.terms"
local text = quire.text

check.same(text.words("江苏省长吴政隆在扬州"), {"江苏", "省长", "吴", "政", "隆", "在", "扬州"})
check.eq(terms.han_runs("COVID-19疫情，扬州ab防控"), "疫情\n扬州\n防控")

local found = terms.learn(check.corpus(), {jobs = 2})
local by = {}
for i, c in ipairs(found) do by[c.term] = c; c.rank = i end
local wu = by["吴政隆"]
check.ok(wu ~= nil, "吴政隆 is found")
if wu then
  check.eq(wu.count, 17)
  check.ok(wu.rank <= 10, "吴政隆 among the first ten, rank " .. wu.rank)
  check.ok(wu.pmi >= 3 and wu.left >= 1 and wu.right >= 1, "scores over the thresholds")
end
check.eq(by["政隆"], nil, "a part of a longer term is not a term")
check.eq(by["吴政"], nil)
for _, c in ipairs(found) do
  check.ok(not text.known(c.term), c.term .. " was not in the dictionary")
  if not check.ok(c.count >= 5, c.term .. " occurs at least min_count times") then break end
end
check.ok(terms.report(found):find("吴政隆%s+17%s"), "the report lists term and count")

-- saved terms feed segmentation; an existing file keeps its lines
local path = os.tmpname()
local f = assert(io.open(path, "w"))
f:write("# mine\n牛年春晚\n")
f:close()
local added = assert(terms.save(found, path))
check.eq(added, #found)
check.eq(terms.save(found, path), 0, "saving again adds nothing")
local lines = {}
for line in io.lines(path) do lines[#lines + 1] = line end
check.eq(lines[1], "# mine")
check.eq(lines[2], "牛年春晚")
check.eq(#lines, 2 + #found)
assert(text.load_terms(path))
check.same(text.words("江苏省长吴政隆在扬州"), {"江苏", "省长", "吴政隆", "在", "扬州"})
os.remove(path)

-- nothing to learn from: no terms, no error
local empty = os.tmpname()
os.remove(empty)
assert(require("quire.c.sys").mkdirs(empty))
check.same(terms.learn(empty), {})
os.remove(empty)

check.done()
