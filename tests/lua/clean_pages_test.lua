-- The generic extractor (no profile) on saved news and blog pages in
-- English, German, French and Chinese (tests/data/clean/pages: NAME.html
-- and the expected main text NAME.txt): token-level precision, recall and
-- F1 (Latin words, single CJK characters) per page and over all pages.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local sys = require "quire.c.sys"

local dir = os.getenv("QUIRE_TESTS") .. "/data/clean/pages"

-- Tokens of TEXT as a multiset: lower-cased words, each CJK character.
local function tokens(text)
  local bag, n = {}, 0
  text = quire.ustr.lower(text)
  for cjk in text:gmatch("[\228-\233][\128-\191][\128-\191]") do
    bag[cjk] = (bag[cjk] or 0) + 1
    n = n + 1
  end
  for w in text:gsub("[\228-\233][\128-\191][\128-\191]", " "):gmatch("[%w\128-\255]+") do
    if not w:find("^[\226\227\239]") then  -- punctuation and symbols
      bag[w] = (bag[w] or 0) + 1
      n = n + 1
    end
  end
  return bag, n
end

local function score(got, want)
  local g, ng = tokens(got)
  local w, nw = tokens(want)
  local common = 0
  for t, c in pairs(g) do common = common + math.min(c, w[t] or 0) end
  return common, ng, nw
end

local names = {}
for _, f in ipairs(sys.list(dir) or {}) do
  local name = f:match("^(.*)%.html$")
  if name then names[#names + 1] = name end
end
table.sort(names)
check.ok(#names >= 15, "at least 15 pages, got " .. #names)

local tc, tg, tw = 0, 0, 0
local en, zh = 0, 0
print(string.format("%-22s %9s %9s %9s", "page", "precision", "recall", "F1"))
for _, name in ipairs(names) do
  local rec = quire.record.read(dir .. "/" .. name .. ".html")
  check.eq(rec.error, nil, name .. ": read")
  local want = assert(io.open(dir .. "/" .. name .. ".txt")):read("a")
  local blocks = quire.clean(rec, {profile = "none"})
  local got = quire.clean.text(blocks)
  local c, ng, nw = score(got, want)
  local p, r = ng > 0 and c / ng or 0, nw > 0 and c / nw or 0
  local f1 = (p + r) > 0 and 2 * p * r / (p + r) or 0
  print(string.format("%-22s %9.3f %9.3f %9.3f", name, p, r, f1))
  check.ok(f1 >= 0.80, name .. string.format(": F1 %.3f", f1))
  tc, tg, tw = tc + c, tg + ng, tw + nw
  if name:match("^zh_") then zh = zh + 1 else en = en + 1 end
end
local p, r = tc / tg, tc / tw
local f1 = 2 * p * r / (p + r)
print(string.format("%-22s %9.3f %9.3f %9.3f", "overall", p, r, f1))
check.ok(f1 >= 0.90, string.format("overall F1 %.3f", f1))
check.ok(en >= 5 and zh >= 5, "pages in Latin-script languages and in Chinese")

-- a plain HTML page cleans through the command line's reader too
local rec = quire.record.read(dir .. "/" .. names[1] .. ".html")
check.ok(#rec:text() > 100, "rec:text() of a page")

check.done()
