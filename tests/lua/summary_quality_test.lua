-- Keyword quality over the real corpus, measured rather than assumed: for
-- each post, how many of its top-5 keywords occur in its title, against a
-- baseline this test computes too (the 5 most frequent character bigrams
-- with no stop word in them). quire must beat the baseline. Titles are
-- not shown to the keyword ranking.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local summary, text = quire.summary, quire.text
local corpus = check.corpus()
local K = 5

-- The baseline: most frequent bigrams of Han characters, none of them a
-- stop word (nor the bigram), ties in text order.
local function baseline(s)
  local count, first, order = {}, {}, {}
  local prev
  local i = 0
  for _, cp in utf8.codes(s, true) do
    local c = utf8.char(cp)
    local han = require("quire.c.segment").is_han(cp)
    if han and prev and not text.stopwords[c] and not text.stopwords[prev] then
      local bg = prev .. c
      if not text.stopwords[bg] then
        i = i + 1
        if not count[bg] then count[bg] = 0; first[bg] = i; order[#order + 1] = bg end
        count[bg] = count[bg] + 1
      end
    end
    prev = han and c or nil
  end
  table.sort(order, function(a, b)
    if count[a] ~= count[b] then return count[a] > count[b] end
    return first[a] < first[b]
  end)
  local top = {}
  for j = 1, math.min(K, #order) do top[j] = order[j] end
  return top
end

local function hits(words, title)
  local n, lower = 0, title:lower()
  for _, w in ipairs(words) do
    if lower:find(w:lower(), 1, true) then n = n + 1 end
  end
  return n
end

local idf = summary.idf_build(corpus)
local posts, q_hits, b_hits, q_better, b_better = 0, 0, 0, 0, 0
for rec in quire.open(corpus) do
  local title = rec.title
  local body = not rec.error and summary.text_of(rec) or ""
  if title and title ~= "" and require("quire.ustr").len(body) >= 100 then
    posts = posts + 1
    local q = hits((summary.keywords(body, K, {idf = idf})), title)
    local b = hits(baseline(body), title)
    q_hits, b_hits = q_hits + q, b_hits + b
    if q > b then q_better = q_better + 1 elseif b > q then b_better = b_better + 1 end
  end
end
check.ok(posts >= 100, "enough posts with a title and text: " .. posts)
io.write(string.format("keywords in the title, top %d, %d posts: quire %.3f per post (%d), baseline bigrams %.3f (%d); quire better on %d posts, baseline on %d\n",
  K, posts, q_hits / posts, q_hits, b_hits / posts, b_hits, q_better, b_better))
check.ok(q_hits > b_hits, "quire beats the bigram baseline")
check.done()
