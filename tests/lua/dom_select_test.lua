-- The CSS selector engine against an independent one: for every selector in
-- tests/data/dom/selectors.txt and every corpus post, the elements
-- doc:select() finds must be those lxml + cssselect found when
-- tests/tools/dom_select_golden.py wrote tests/data/dom/select.tsv
-- (compared as a count and a hash of the elements' paths).
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"

local tests = os.getenv("QUIRE_TESTS")
local corpus = check.corpus()

local selectors = {}
for line in io.lines(tests .. "/data/dom/selectors.txt") do
  if line ~= "" and not line:match("^#") then selectors[#selectors + 1] = line end
end

-- /html[1]/body[1]/div[2]: tags with their index among same-tag siblings.
local function path(node)
  local parts = {}
  while node and node.type == "element" do
    local tag, i = node.tag, 1
    local s = node:prev("element")
    while s do
      if s.tag == tag then i = i + 1 end
      s = s:prev("element")
    end
    table.insert(parts, 1, string.format("%s[%d]", tag, i))
    node = node.parent
  end
  return "/" .. table.concat(parts, "/")
end

local function fnv1a(s)
  local h = 0x811C9DC5
  for i = 1, #s do
    h = ((h ~ s:byte(i)) * 0x01000193) & 0xFFFFFFFF
  end
  return string.format("%08x", h)
end

local posts, compared, mismatches, nonzero = 0, 0, 0, {}
for line in io.lines(tests .. "/data/dom/select.tsv") do
  local cols = {}
  for col in line:gmatch("[^\t]+") do cols[#cols + 1] = col end
  local rel, len = cols[1], tonumber(cols[2])
  check.eq(#cols, #selectors + 2, rel .. ": golden columns")
  local rec = quire.record.read(corpus .. "/" .. rel)
  check.eq(#(rec.body or ""), len, rel .. ": body length")
  local doc = rec:dom()
  posts = posts + 1
  for i, sel in ipairs(selectors) do
    local nodes = doc:select(sel)
    local paths = {}
    for k, n in ipairs(nodes) do paths[k] = path(n) end
    local got = string.format("%d:%s", #nodes, fnv1a(table.concat(paths, "\n")))
    compared = compared + 1
    if #nodes > 0 then nonzero[sel] = true end
    if got ~= cols[i + 2] then
      mismatches = mismatches + 1
      check.eq(got, cols[i + 2], string.format("%s: %s", rel, sel))
    end
  end
  doc:close()
end

-- every selector finds something somewhere, or the comparison proves little
for _, sel in ipairs(selectors) do
  check.ok(nonzero[sel], "selector matches nothing in the corpus: " .. sel)
end
check.ok(#selectors >= 60, "at least 60 selectors")
check.ok(posts >= 150, "the whole corpus")
check.eq(mismatches, 0, "mismatches")
print(string.format("%d selectors x %d posts = %d comparisons, %d mismatches",
  #selectors, posts, compared, mismatches))
check.done()
