--- quire.summary: keywords and extractive summaries.
--
--   local summary = require "quire.summary"        -- also quire.summary
--   summary.keywords(rec_or_text, 5)      --> {"疫情", "扬州", ...}, {scores}
--   summary.keywords(text, 5, {method = "textrank"})
--   summary.sentences(rec_or_text, 3)     --> three whole sentences, in order
--
-- Keywords are content words (quire.text.content: no stop words,
-- punctuation, numbers or single characters) ranked by TF-IDF, with
-- document frequencies from an IDF table (opts.idf, else summary.idf_table,
-- which `quire summarize` fills from the archive it reads; without one,
-- every word weighs the same and TF-IDF is plain term frequency), or by
-- TextRank over the words' co-occurrence graph.
--
-- A summary is the N sentences that score best by TextRank over sentence
-- similarity (shared content words), the sentence's position (news puts
-- the point first) and how many of the text's keywords it carries; they
-- come back whole and in their original order. N at least the sentence
-- count gives every sentence.
--
-- An IDF table is {docs = N, df = {word = documents}}: summary.idf_new,
-- summary.idf_add, summary.idf_build (over an archive, in parallel),
-- summary.idf_save and summary.idf_load (a tab-separated file).

local text = require "quire.text"
local ustr = require "quire.ustr"

local summary = {}

--- The IDF table keywords and sentences use when opts.idf is not given.
summary.idf_table = nil

--- Weights of a sentence's score: TextRank, position, keyword coverage.
summary.weights = {rank = 0.5, position = 0.25, keywords = 0.25}

--- The text of X: a string as is; a record's cleaned article text
-- (rec:text(), from quire.clean) or, where that is missing, the text of its
-- whole body.
function summary.text_of(x)
  if type(x) == "string" then return x end
  if type(x) == "table" then
    if type(x.text) == "function" then return x:text() or "" end
    if type(x.dom) == "function" then return x:dom():text() or "" end
  end
  error("quire.summary: expected a string or a record, got " .. type(x), 3)
end

-- Content words of S with a key each (Latin words case-folded): keys (the
-- sequence of keys), forms (key -> first spelling seen).
local function content_keys(s)
  local words, kinds = text.tokens(s)
  local keys, forms = {}, {}
  for i, w in ipairs(words) do
    local kind = kinds[i]
    if text.is_content(w, kind) then
      local key = kind == "latin" and w:lower() or w
      keys[#keys + 1] = key
      if not forms[key] then forms[key] = w end
    end
  end
  return keys, forms
end

-- ---- IDF tables ----------------------------------------------------------

--- An empty IDF table.
function summary.idf_new()
  return {docs = 0, df = {}}
end

--- The distinct content words of X (a text or a record), sorted: what one
-- document adds to an IDF table (and what a worker sends back).
function summary.doc_words(x)
  local keys = content_keys(summary.text_of(x))
  local seen, list = {}, {}
  for _, k in ipairs(keys) do
    if not seen[k] then seen[k] = true; list[#list + 1] = k end
  end
  table.sort(list)
  return list
end

--- Counts one document whose distinct words are WORDS in the table T.
function summary.idf_add(t, words)
  t.docs = t.docs + 1
  local df = t.df
  for _, w in ipairs(words) do df[w] = (df[w] or 0) + 1 end
  return t
end

--- An IDF table over the records of PATHS (quire.map's options: jobs, where, ...).
function summary.idf_build(paths, opts)
  local quire = require "quire"
  local o = setmetatable({reduce = summary.idf_add, init = summary.idf_new()}, {__index = opts})
  return quire.map(paths, summary.doc_words, o)
end

--- Inverse document frequency of WORD in the table T: log((N+1)/(df+1)) + 1.
function summary.idf(t, word)
  return math.log((t.docs + 1) / ((t.df[word] or 0) + 1)) + 1
end

--- Writes T to PATH (atomically): a "#docs N" line, then "word<TAB>df"
-- lines, most frequent first. Returns true, or nil, message.
function summary.idf_save(t, path)
  local atomic = require "quire.atomic"
  local out, err = atomic.open(path)
  if not out then return nil, err end
  local words = {}
  for w in pairs(t.df) do words[#words + 1] = w end
  table.sort(words, function(a, b)
    local da, db = t.df[a], t.df[b]
    if da ~= db then return da > db end
    return a < b
  end)
  out.file:write("#docs\t", t.docs, "\n")
  for _, w in ipairs(words) do out.file:write(w, "\t", t.df[w], "\n") end
  return out:commit()
end

--- Reads an IDF table written by idf_save. Returns it, or nil, message.
function summary.idf_load(path)
  local f, err = io.open(path, "r")
  if not f then return nil, "cannot read IDF table " .. err end
  local t = summary.idf_new()
  local n = 0
  for line in f:lines() do
    n = n + 1
    local w, c = line:match("^([^\t]+)\t(%d+)$")
    if not w then
      f:close()
      return nil, string.format("%s:%d: not 'word<TAB>count'", path, n)
    end
    if w == "#docs" then t.docs = tonumber(c) else t.df[w] = tonumber(c) end
  end
  f:close()
  return t
end

-- ---- keywords --------------------------------------------------------------

-- Keys ranked by SCORE (key -> number), ties by first occurrence (FIRST:
-- key -> index), best first.
local function ranked(score, first)
  local list = {}
  for k in pairs(score) do list[#list + 1] = k end
  table.sort(list, function(a, b)
    local sa, sb = score[a], score[b]
    if sa ~= sb then return sa > sb end
    return first[a] < first[b]
  end)
  return list
end

--- Occurrences in the lead (the first lead_share of the content words, at
-- least 20) count lead_weight times: news says what it is about first.
summary.lead_share = 0.1
summary.lead_weight = 2

-- TF-IDF scores of KEYS (a sequence) under the IDF table IDF (or none).
local function tfidf(keys, idf)
  local count, first = {}, {}
  local lead = math.max(20, #keys * summary.lead_share)
  for i, k in ipairs(keys) do
    count[k] = (count[k] or 0) + (i <= lead and summary.lead_weight or 1)
    if not first[k] then first[k] = i end
  end
  local score = {}
  local n = #keys
  for k, c in pairs(count) do
    score[k] = (c / n) * (idf and summary.idf(idf, k) or 1)
  end
  return score, first
end

-- PageRank over a weighted undirected graph: NODES is a count, EDGES a
-- list of adjacency maps (node -> {neighbour -> weight}) whose neighbour
-- lists ORDER gives in a fixed order. Returns ranks (1..NODES).
local function pagerank(nodes, adj, order, iterations)
  local d = 0.85
  local rank, out = {}, {}
  for i = 1, nodes do
    rank[i] = 1
    local total = 0
    for _, j in ipairs(order[i]) do total = total + adj[i][j] end
    out[i] = total
  end
  for _ = 1, iterations or 30 do
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

-- TextRank scores of KEYS: words linked when they occur within WINDOW
-- content words of each other.
local function textrank(keys, window)
  local id, names, first = {}, {}, {}
  for i, k in ipairs(keys) do
    if not id[k] then
      names[#names + 1] = k
      id[k] = #names
      first[k] = i
    end
  end
  local adj, order = {}, {}
  for i = 1, #names do adj[i] = {}; order[i] = {} end
  local function link(a, b)
    if a == b then return end
    if not adj[a][b] then
      adj[a][b] = 0; adj[b][a] = 0
      order[a][#order[a] + 1] = b
      order[b][#order[b] + 1] = a
    end
    adj[a][b] = adj[a][b] + 1
    adj[b][a] = adj[b][a] + 1
  end
  for i = 1, #keys do
    local a = id[keys[i]]
    for j = i + 1, math.min(#keys, i + window - 1) do link(a, id[keys[j]]) end
  end
  local rank = pagerank(#names, adj, order)
  local score = {}
  for i, k in ipairs(names) do score[k] = rank[i] end
  return score, first
end

local methods = {tfidf = true, textrank = true}

--- The K (default 10) best keywords of X (a text or a record): a list of
-- words and a list of their scores, best first.
-- opts: method ("tfidf" (default) or "textrank"), idf (an IDF table;
-- default summary.idf_table), window (TextRank's, default 5).
function summary.keywords(x, k, opts)
  opts = opts or {}
  k = k or 10
  if math.type(k) ~= "integer" or k < 0 then
    error("bad argument #2 to 'quire.summary.keywords' (a whole number >= 0 expected)", 2)
  end
  local method = opts.method or "tfidf"
  if not methods[method] then
    error("quire.summary.keywords: unknown method '" .. tostring(method) .. "' (tfidf or textrank)", 2)
  end
  local keys, forms = content_keys(summary.text_of(x))
  local score, first
  if method == "textrank" then
    score, first = textrank(keys, opts.window or 5)
  else
    score, first = tfidf(keys, opts.idf or summary.idf_table)
  end
  local words, scores = {}, {}
  for i, key in ipairs(ranked(score, first)) do
    if i > k then break end
    words[i] = forms[key]
    scores[i] = score[key]
  end
  return words, scores
end

-- ---- summaries -------------------------------------------------------------

--- The sentences of X (a text or a record), whole and trimmed, empty ones
-- dropped (quire.ustr.sentences: a sentence ends at 。！？!? ; and the like,
-- or at a line break).
function summary.split(x)
  local out = {}
  for _, s in ipairs(ustr.sentences(summary.text_of(x))) do
    s = ustr.trim(s)
    if s ~= "" then out[#out + 1] = s end
  end
  return out
end

-- Most sentences TextRank compares pairwise; later ones rank by position
-- and keywords only, so a huge text costs no more than this many.
summary.max_ranked = 600

-- TextRank over sentences: SETS[i] is sentence i's list of distinct keys.
-- Similarity is shared words / (log |Si| + log |Sj|), found through an
-- inverted index so unrelated pairs cost nothing.
local function sentence_rank(sets)
  local n = #sets
  local index, words = {}, {}
  for i = 1, n do
    for _, w in ipairs(sets[i]) do
      local list = index[w]
      if not list then list = {}; index[w] = list; words[#words + 1] = w end
      list[#list + 1] = i
    end
  end
  local shared = {}
  for i = 1, n do shared[i] = {} end
  for _, w in ipairs(words) do
    local list = index[w]
    for a = 1, #list do
      local i = list[a]
      for b = a + 1, #list do
        local j = list[b]
        shared[i][j] = (shared[i][j] or 0) + 1
      end
    end
  end
  local adj, order = {}, {}
  for i = 1, n do adj[i] = {}; order[i] = {} end
  for i = 1, n do
    local js = {}
    for j in pairs(shared[i]) do js[#js + 1] = j end
    table.sort(js)
    for _, j in ipairs(js) do
      local w = shared[i][j] / (math.log(#sets[i] + 1) + math.log(#sets[j] + 1))
      adj[i][j] = w; adj[j][i] = w
      order[i][#order[i] + 1] = j
      order[j][#order[j] + 1] = i
    end
  end
  for i = 1, n do table.sort(order[i]) end
  return pagerank(n, adj, order)
end

--- The N (default 3) best sentences of X (a text or a record), whole and in
-- their original order. opts: idf (for the keywords), keywords (how many
-- keywords count for coverage, default 10), weights (see summary.weights).
function summary.sentences(x, n, opts)
  opts = opts or {}
  n = n or 3
  if math.type(n) ~= "integer" or n < 0 then
    error("bad argument #2 to 'quire.summary.sentences' (a whole number >= 0 expected)", 2)
  end
  local s = summary.text_of(x)
  local sents = summary.split(s)
  if n >= #sents then return sents end
  if n == 0 then return {} end

  local kwords, kscores = summary.keywords(s, opts.keywords or 10, {idf = opts.idf})
  local kweight = {}
  for i, w in ipairs(kwords) do kweight[w:lower()] = kscores[i] end

  local ranked_n = math.min(#sents, summary.max_ranked)
  local sets, cover = {}, {}
  for i = 1, #sents do
    local keys = content_keys(sents[i])
    local seen, list, c = {}, {}, 0
    for _, k in ipairs(keys) do
      if not seen[k] then
        seen[k] = true
        list[#list + 1] = k
        c = c + (kweight[k] or 0)
      end
    end
    sets[i] = list
    cover[i] = c
  end
  local head = {}
  for i = 1, ranked_n do head[i] = sets[i] end
  local rank = sentence_rank(head)

  local max_rank, max_cover = 0, 0
  for i = 1, ranked_n do max_rank = math.max(max_rank, rank[i]) end
  for i = 1, #sents do max_cover = math.max(max_cover, cover[i]) end
  local w = opts.weights or summary.weights
  local score = {}
  for i = 1, #sents do
    local r = (i <= ranked_n and max_rank > 0) and rank[i] / max_rank or 0
    local c = max_cover > 0 and cover[i] / max_cover or 0
    local p = 1 / math.sqrt(i)
    local sc = w.rank * r + w.position * p + w.keywords * c
    if #sets[i] < 2 then sc = sc * 0.5 end  -- a line with one word is rarely the point
    score[i] = sc
  end
  local idx = {}
  for i = 1, #sents do idx[i] = i end
  table.sort(idx, function(a, b)
    if score[a] ~= score[b] then return score[a] > score[b] end
    return a < b
  end)
  local pick = {}
  for i = 1, n do pick[i] = idx[i] end
  table.sort(pick)
  local out = {}
  for i, j in ipairs(pick) do out[i] = sents[j] end
  return out
end

return summary
