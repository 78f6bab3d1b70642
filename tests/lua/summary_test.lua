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

-- a prepared document segments once and gives what the text gives
local prep = summary.prepare(rec)
check.eq(summary.prepare(prep), prep, "a document comes back as it is")
check.eq(summary.text_of(prep), summary.text_of(rec))
check.same({summary.keywords(prep, 5, {idf = idf})}, {summary.keywords(rec, 5, {idf = idf})})
check.same(summary.keywords(prep, 7, {method = "textrank"}), summary.keywords(rec, 7, {method = "textrank"}))
check.same(summary.sentences(prep, 2, {idf = idf}), summary.sentences(summary.text_of(rec), 2, {idf = idf}))
check.same(summary.split(prep), summary.split(rec))

-- the words of each sentence, taken from the whole text's, are the words
-- of the sentence segmented alone: also where a token would cross a
-- sentence's edge (abc.ｄef: the sentence ends at the dot, the Latin word
-- goes on) and around invalid bytes
local function alone(t)
  local out = {}
  for i, sent in ipairs(summary.split(t)) do
    local words, kinds = quire.text.tokens(sent)
    local keys = {}
    for j, w in ipairs(words) do
      if quire.text.is_content(w, kinds[j]) then
        keys[#keys + 1] = kinds[j] == "latin" and w:lower() or w
      end
    end
    out[i] = keys
  end
  return out
end
for _, t in ipairs({
  summary.text_of(rec),
  "Node.js 和 abc.ｄef 扬州疫情防控。M1 Max 芯片！iPhone 13 Pro 涨价3.5%。\n江苏省长吴政隆\n部署防控",
  "扬州疫情防控。。。（完）”江苏省长凌晨开会\255\254中国人民\255。world's U.S.A. ok?Yes!",
  "COVID-19疫情下，M1\nMax芯片和5G网络。 \t 第二句话说扬州",
}) do
  check.same(summary.sentence_keys(t), alone(t), "sentence words: " .. t:sub(1, 40))
end

-- quire.c.rank: PageRank in C to the last bit of the Lua it replaced
local crank = require "quire.c.rank"
local function lua_pagerank(nodes, adj, order)
  local d = 0.85
  local rank, out = {}, {}
  for i = 1, nodes do
    rank[i] = 1
    local total = 0
    for _, j in ipairs(order[i]) do total = total + adj[i][j] end
    out[i] = total
  end
  for _ = 1, 30 do
    local new, delta = {}, 0
    for i = 1, nodes do
      local sum = 0
      for _, j in ipairs(order[i]) do
        if out[j] > 0 then sum = sum + adj[i][j] / out[j] * rank[j] end
      end
      new[i] = (1 - d) + d * sum
      delta = delta + math.abs(new[i] - rank[i])
    end
    rank = new
    if delta < 1e-6 * nodes then break end
  end
  return rank
end
math.randomseed(7)
for _, size in ipairs({0, 1, 2, 5, 40, 200}) do
  local adj, order, nbr, wt = {}, {}, {}, {}
  for i = 1, size do adj[i] = {}; order[i] = {}; nbr[i] = {}; wt[i] = {} end
  for i = 1, size do
    for j = i + 1, size do
      if math.random() < 0.3 then
        local w = math.random() < 0.5 and math.random(1, 5) or math.random() + 0.01
        adj[i][j] = w; adj[j][i] = w
        order[i][#order[i] + 1] = j; order[j][#order[j] + 1] = i
      end
    end
  end
  for i = 1, size do
    for k, j in ipairs(order[i]) do nbr[i][k] = j; wt[i][k] = adj[i][j] end
  end
  check.same(crank.pagerank(nbr, wt), lua_pagerank(size, adj, order), "pagerank of " .. size .. " nodes")
end
check.same(crank.sentences({{1, 2}, {2, 3}, {4}, {}}), crank.pagerank({{2}, {1}, {}, {}},
  {{1 / (math.log(3) + math.log(3))}, {1 / (math.log(3) + math.log(3))}, {}, {}}), "the sentence graph")
check.raises("neighbour out of range", crank.pagerank, {{3}}, {{1}})
check.raises("weights do not match", crank.pagerank, {{1}}, {{}})
check.raises("word ids must be whole numbers", crank.sentences, {{0}})
check.raises("list of lists expected", crank.sentences, {5})

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
