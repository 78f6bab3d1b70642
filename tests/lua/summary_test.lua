-- quire.summary: keywords (TF-IDF, TextRank), extractive summaries, IDF
-- tables, the text of a record, and bad input.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local summary = quire.summary
local corpus = check.corpus()
local seed = corpus .. "/source/_posts/金融/新浪财经/新浪财经－国內/江苏省长，凌晨开会.md"

-- the text of strings and records
check.eq(summary.text_of("abc"), "abc")
check.eq(summary.text_of({text = function() return "cleaned" end}), "cleaned")
local doc = quire.dom.parse("<p>正文</p>")
check.eq(summary.text_of({dom = function() return doc end}), "正文", "records without rec:text()")
check.raises("expected a string or a record, got number", summary.text_of, 42)

-- keywords of the seed post with document frequencies from the corpus
local idf = summary.idf_build(corpus)
check.ok(idf.docs > 100, "the corpus was counted")
local rec = quire.record.read(seed)
local words, scores = summary.keywords(rec, 5, {idf = idf})
check.eq(#words, 5)
local set = {}
for _, w in ipairs(words) do set[w] = true end
check.ok(set["疫情"] and set["防控"] and set["扬州"], "疫情, 防控 and 扬州 in " .. table.concat(words, " "))
for i = 2, #scores do check.ok(scores[i - 1] >= scores[i], "scores best first") end
local tr = summary.keywords(rec, 10, {method = "textrank"})
local trset = {}
for _, w in ipairs(tr) do trset[w] = true end
check.ok(trset["疫情"] and trset["防控"] and trset["扬州"], "TextRank: " .. table.concat(tr, " "))
check.raises("unknown method 'lda'", summary.keywords, "x", 3, {method = "lda"})
check.raises("a whole number >= 0 expected", summary.keywords, "x", -1)

-- stop words, punctuation and numbers never come out
local kw = summary.keywords("2021年，2021年，的的的。我们我们！！ 3.5 3.5 COVID-19 COVID-19 疫情", 10)
check.same(kw, {"COVID-19", "疫情"})
-- Latin words count case-insensitively and keep their first spelling
check.same(summary.keywords("Rust rust RUST 语言", 1), {"Rust"})
-- without an IDF table, TF-IDF is term frequency; ties keep text order
check.same(summary.keywords("苹果 香蕉 香蕉 橘子", 3), {"香蕉", "苹果", "橘子"})
-- IDF lowers words every document has
local t = summary.idf_new()
summary.idf_add(t, {"苹果", "香蕉"})
summary.idf_add(t, {"香蕉"})
summary.idf_add(t, {"香蕉", "橘子"})
for _ = 1, 3 do summary.idf_add(t, {"香蕉"}) end
check.same(summary.keywords("苹果 香蕉 香蕉 橘子", 3, {idf = t}), {"苹果", "橘子", "香蕉"})
check.eq(summary.idf(t, "香蕉"), 1.0)
summary.idf_table = t
check.same(summary.keywords("苹果 香蕉 香蕉 橘子", 1), {"苹果"}, "summary.idf_table is the default")
summary.idf_table = nil

-- IDF tables round-trip through a file
local path = os.tmpname()
assert(summary.idf_save(t, path))
local back = assert(summary.idf_load(path))
check.same(back, t)
local f = assert(io.open(path, "w"))
f:write("#docs\t3\nbad line\n")
f:close()
local none, err = summary.idf_load(path)
check.eq(none, nil)
check.eq(err, path .. ":2: not 'word<TAB>count'")
os.remove(path)
check.eq(select(2, summary.idf_load(path)):find("cannot read IDF table", 1, true), 1)

-- summaries: a golden text; whole sentences in their original order
local news = table.concat({
  "扬州近日疫情防控形势严峻，江苏省长在扬州检查指导疫情防控工作。",
  "连续两天，他在凌晨开会。",
  "会议强调，要坚决遏制疫情蔓延势头，打赢扬州疫情防控阻击战。",
  "天气预报说明天有雨。",
  "扬州市各社区加强管控，做好核酸检测和隔离工作，全力做好疫情防控。",
  "责任编辑：张三",
}, "\n")
check.same(summary.sentences(news, 2), {
  "扬州近日疫情防控形势严峻，江苏省长在扬州检查指导疫情防控工作。",
  "会议强调，要坚决遏制疫情蔓延势头，打赢扬州疫情防控阻击战。",
})
check.same(summary.sentences(news, 3), {
  "扬州近日疫情防控形势严峻，江苏省长在扬州检查指导疫情防控工作。",
  "会议强调，要坚决遏制疫情蔓延势头，打赢扬州疫情防控阻击战。",
  "扬州市各社区加强管控，做好核酸检测和隔离工作，全力做好疫情防控。",
})
check.eq(#summary.sentences(news, 6), 6, "n equal to the count: every sentence")
check.same(summary.sentences(news, 100), summary.split(news), "n above the count: every sentence")
check.same(summary.sentences(news, 0), {})
check.same(summary.split("第一句。第二句！\n\n 第三段 \n"), {"第一句。", "第二句！", "第三段"})

-- on real posts: whole sentences of the text, in order, the same every run
for _, name in ipairs {"江苏省长，凌晨开会", "0！", "00后也挺拼！近八成毕业生想立即工作"} do
  local r = quire.record.read(corpus .. "/source/_posts/金融/新浪财经/新浪财经－国內/" .. name .. ".md")
  local all = summary.split(r)
  local pos = {}
  for i, s in ipairs(all) do pos[s] = pos[s] or i end
  local got = summary.sentences(r, 3, {idf = idf})
  check.eq(#got, math.min(3, #all), name)
  local last = 0
  for _, s in ipairs(got) do
    check.ok(pos[s] and pos[s] > last, name .. ": whole sentence, in order: " .. s)
    last = pos[s] or last
  end
  check.same(summary.sentences(r, 3, {idf = idf}), got, name .. ": stable")
end

-- bad input
check.same({summary.keywords("", 5)}, {{}, {}})
check.same(summary.sentences("", 3), {})
check.same(summary.sentences("   \n\n  ", 3), {})
local run_on = "这是一段没有任何句末标点的文字它一直写下去没有停顿"
check.same(summary.sentences(run_on, 3), {run_on})
check.same(summary.sentences(run_on .. "\n" .. run_on .. "二", 1), {run_on}, "never cut: one of two lines whole")
check.same(summary.keywords("。，！？……——《》", 5), {})
local p = summary.sentences("。。。！！！？？？", 2)
check.ok(#p <= 1 and (p[1] == nil or p[1] == "。。。！！！？？？"), "only punctuation")
local huge = string.rep("扬州疫情防控形势严峻", 35000)  -- one 1 MB sentence
local t0 = os.clock()
check.same(summary.sentences(huge, 3), {huge}, "a 1 MB sentence comes back whole")
local hk = summary.keywords(huge, 3)
check.eq(#hk, 3)
check.ok(os.clock() - t0 < 20, "a 1 MB sentence in under 20 s")
-- many short sentences: only the first summary.max_ranked are compared pairwise
local many = {}
for i = 1, 2000 do many[i] = "第" .. i .. "条消息说扬州疫情防控。" end
t0 = os.clock()
local m = summary.sentences(table.concat(many), 2)
check.eq(#m, 2)
check.ok(os.clock() - t0 < 20, "2000 sentences in under 20 s")

check.done()
