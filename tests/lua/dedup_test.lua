-- quire.dedup and quire.c.minhash: signatures, LSH grouping of edited
-- copies, different articles on one topic kept apart, keep policies.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local dedup = require "quire.dedup"
local minhash = require "quire.c.minhash"
local sina = check.corpus() .. "/source/_posts/金融/新浪财经/新浪财经－国內/"

-- signatures: hex, deterministic, blind to spacing, punctuation and case
local sig, n = minhash.signature("今天天气很好，我们去公园散步。", 4, 16)
check.eq(#sig, 16 * 8)
check.ok(sig:find("^%x+$"), "hex digits")
check.eq(n, 10, "13 letters, shingles of 4")
check.eq(minhash.signature("今天 天气很好 我们去公园散步!!", 4, 16), sig)
check.eq(minhash.signature("Hello World", 4, 16), minhash.signature("hello, world", 4, 16))
check.eq(select(2, minhash.signature("", 4, 16)), 0)
check.eq(select(2, minhash.signature("。，！？ …", 4, 16)), 0, "only punctuation: no shingles")
check.eq(minhash.signature("", 4, 2), "ffffffffffffffff")
check.eq(select(2, minhash.signature("扬州", 4, 16)), 1, "shorter than a shingle: one")
check.eq(minhash.similarity(sig, sig), 1.0)
check.raises("not a signature", minhash.similarity, "xyz", sig)
check.raises("signatures of different sizes", minhash.similarity, sig, sig:sub(1, 64))
check.raises("shingle size out of range", minhash.signature, "x", 0)
check.raises("number of hashes out of range", minhash.signature, "x", 4, 5000)
local big = string.rep("扬州疫情防控形势严峻", 35000)
check.eq(select(2, minhash.signature(big, 5, 128)), 350000 - 4, "a 1 MB text")

-- real articles and edited copies
local function text_of(name) return quire.summary.text_of(quire.record.read(sina .. name .. ".md")) end
local orig = text_of("江苏省长，凌晨开会")
local paras = {}
for p in (orig .. "\n\n"):gmatch("(.-)\n\n") do if p ~= "" then paras[#paras + 1] = p end end
check.ok(#paras >= 5, "the seed post has paragraphs: " .. #paras)
local cut = {}
for i, p in ipairs(paras) do if i ~= 3 then cut[#cut + 1] = p end end
local texts = {
  orig,                                                            -- 1
  table.concat(cut, "\n\n"),                                       -- 2 a paragraph removed
  orig .. "\n\n更多江苏新闻请访问本站江苏频道，每天更新本地要闻。",       -- 3 another footer
  "凌晨两点，江苏省长还在开会\n\n" .. orig,                          -- 4 a title line added
  text_of("江苏省委书记：采取更坚决果断措施，迅速打赢苏州疫情防控战"),   -- 5 same topic
  text_of("0！"),                                                  -- 6 unrelated
  "",                                                              -- 7 empty
  "。。。",                                                         -- 8 only punctuation
}
local items = {}
for i, t in ipairs(texts) do
  local s, c = dedup.signature(t)
  items[i] = {sig = s, shingles = c, length = utf8.len(t), path = tostring(i)}
end
check.ok(dedup.similarity(items[1].sig, items[5].sig) < 0.2, "same topic, different article")
local groups = dedup.find(items)
check.eq(#groups, 1)
local members = {}
for _, m in ipairs(groups[1]) do members[#members + 1] = m.index end
check.same(members, {1, 2, 3, 4})
check.eq(groups[1][1].similarity, 1)
for _, m in ipairs(groups[1]) do check.ok(m.similarity >= 0.8, "edited copy similarity " .. m.similarity) end
check.eq(dedup.keep(groups[1], items, "first"), 1)
check.eq(dedup.keep(groups[1], items, "longest"), 3)
check.eq(#dedup.find(items, {threshold = 1.01}), 0, "nothing is more than identical")
check.raises("128 hashes do not split into 5 bands", dedup.find, items, {bands = 5})

-- banding: many distinct texts compare few pairs; many copies stay linear
local many = {}
for i = 1, 3000 do
  local t = string.format("第%d号文件：编号%d的内容是%d和%d", i, i * 7, i * 13, i * 31)
  local s, c = minhash.signature(t, 5, 128)
  many[i] = {sig = s, shingles = c, length = #t}
end
local calls = 0
local real = minhash.similarity
package.loaded["quire.c.minhash"].similarity = function(a, b) calls = calls + 1; return real(a, b) end
local t0 = os.clock()
dedup.find(many)
local copies = {}
for i = 1, 3000 do copies[i] = {sig = items[1].sig, shingles = 10, length = 1} end
local cg = dedup.find(copies)
package.loaded["quire.c.minhash"].similarity = real
check.eq(#cg, 1)
check.eq(#cg[1], 3000, "3000 copies, one group")
check.ok(calls < 3000 * 40, "comparisons grow linearly: " .. calls)
check.ok(os.clock() - t0 < 30, "6000 items in under 30 s")

-- over an archive (the corpus has a few template pages that say the same)
local found, all = dedup.run(check.corpus(), {threshold = 0.9, jobs = 2})
check.ok(#all > 150, "every post got a signature")
for _, g in ipairs(found) do
  for _, m in ipairs(g) do check.ok(m.similarity >= 0.9, all[m.index].path) end
end

check.done()
