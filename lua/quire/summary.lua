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
--
-- summary.prepare(x) segments a text once for both: pass what it returns
-- to keywords and sentences in place of X and neither segments again
-- (the sentences take their words from the whole text's; see
-- sentence_sets).

local text = require "quire.text"
local ustr = require "quire.ustr"
local is_han = require("quire.c.segment").is_han
local crank = require "quire.c.rank"

local summary = {}

-- The metatable of prepared documents (summary.prepare).
local Doc = {__name = "quire.summary.Document"}

--- The IDF table keywords and sentences use when opts.idf is not given.
summary.idf_table = nil

--- Weights of a sentence's score: TextRank, position, keyword coverage.
summary.weights = {rank = 0.5, position = 0.25, keywords = 0.25}

--- The text of X: a string as is; a record's cleaned article text
-- (rec:text(), from quire.clean) or, where that is missing, the text of its
-- whole body.
function summary.text_of(x)
  if type(x) == "string" then return x end
  if getmetatable(x) == Doc then return x.text end
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

-- The distinct content keys of the text S, in no particular order: all a
-- document frequency needs (no spellings, no positions).
local function distinct_keys(s)
  local words, kinds = text.tokens(s)
  local is_content = text.is_content
  local seen, list, n = {}, {}, 0
  for i = 1, #words do
    local w, kind = words[i], kinds[i]
    if is_content(w, kind) then
      local key = kind == "latin" and w:lower() or w
      if not seen[key] then
        seen[key] = true
        n = n + 1
        list[n] = key
      end
    end
  end
  return list
end

--- The distinct content words of X (a text or a record), sorted: what one
-- document adds to an IDF table.
function summary.doc_words(x)
  local list = distinct_keys(summary.text_of(x))
  table.sort(list)
  return list
end

--- The distinct content words of X unsorted: what a worker of idf_build
-- sends back (the order does not change the counts).
function summary.doc_keys(x)
  return distinct_keys(summary.text_of(x))
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
  return quire.map(paths, summary.doc_keys, o)
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

-- ---- prepared documents -----------------------------------------------------

--- X (a text or a record) ready for keywords and sentences: a document
-- whose text is segmented once, on first use, and whose words, keyword
-- scores and sentences are kept for every later call. A document given
-- comes back as it is.
function summary.prepare(x)
  if getmetatable(x) == Doc then return x end
  return setmetatable({text = summary.text_of(x)}, Doc)
end

-- Segments DOC's text once: doc.keys (content keys in order), doc.forms
-- (key -> first spelling), doc.at (where each key's token starts), and
-- every token's start and length (doc.starts, doc.words) for
-- sentence_sets.
local function scan(doc)
  if doc.keys then return doc end
  local words, kinds, starts = text.segmenter():tokens(doc.text, true)
  local is_content = text.is_content
  local keys, forms, at, n = {}, {}, {}, 0
  for i = 1, #words do
    local w, kind = words[i], kinds[i]
    if is_content(w, kind) then
      local key = kind == "latin" and w:lower() or w
      n = n + 1
      keys[n] = key
      at[n] = starts[i]
      if not forms[key] then forms[key] = w end
    end
  end
  doc.keys, doc.forms, doc.at = keys, forms, at
  doc.words, doc.starts = words, starts
  return doc
end

-- ---- keywords --------------------------------------------------------------

-- The best K keys by SCORE (key -> number), ties by first occurrence
-- (FIRST: key -> index), best first: the first K of the full ranking,
-- found without sorting every key.
local function ranked(score, first, k)
  local best, m = {}, 0
  if k <= 0 then return best end
  for key, sc in pairs(score) do
    local worst = best[m]
    if m < k or sc > score[worst] or (sc == score[worst] and first[key] < first[worst]) then
      local q = m < k and m + 1 or m
      while q > 1 do
        local b = best[q - 1]
        local sb = score[b]
        if sc > sb or (sc == sb and first[key] < first[b]) then
          best[q] = b
          q = q - 1
        else
          break
        end
      end
      best[q] = key
      if m < k then m = m + 1 end
    end
  end
  return best
end

--- Occurrences in the lead (the first lead_share of the content words, at
-- least 20) count lead_weight times: news says what it is about first.
summary.lead_share = 0.1
summary.lead_weight = 2

-- TF-IDF scores of KEYS (a sequence) under the IDF table IDF (or none).
local function tfidf(keys, idf)
  local count, first = {}, {}
  local lead = math.max(20, #keys * summary.lead_share)
  local lw = summary.lead_weight
  for i = 1, #keys do
    local k = keys[i]
    local c = count[k]
    if c then
      count[k] = c + (i <= lead and lw or 1)
    else
      count[k] = 0 + (i <= lead and lw or 1)
      first[k] = i
    end
  end
  local score = {}
  local n = #keys
  local idf_of = summary.idf
  for k, c in pairs(count) do
    score[k] = (c / n) * (idf and idf_of(idf, k) or 1)
  end
  return score, first
end

-- PageRank over a weighted undirected graph of N nodes: NBR[i] lists the
-- neighbours of node i in the order their terms are summed, WT[i] the
-- edges' weights in the same order. Returns ranks (1..N). In C
-- (src/rank.c), with the same arithmetic in the same order as the Lua it
-- replaced, so ranks are the same to the last bit.
local function pagerank(n, nbr, wt, iterations)
  assert(#nbr == n)
  return crank.pagerank(nbr, wt, iterations)
end

-- TextRank scores of KEYS: words linked when they occur within WINDOW
-- content words of each other.
local function textrank(keys, window)
  local id, names, first = {}, {}, {}
  local seq = {}
  for i = 1, #keys do
    local k = keys[i]
    local v = id[k]
    if not v then
      v = #names + 1
      names[v] = k
      id[k] = v
      first[k] = i
    end
    seq[i] = v
  end
  -- at[a][b]: where b is in a's neighbour list
  local nbr, wt, at = {}, {}, {}
  for i = 1, #names do nbr[i] = {}; wt[i] = {}; at[i] = {} end
  local function link(a, b)
    if a == b then return end
    local p = at[a][b]
    if not p then
      local na, nb = nbr[a], nbr[b]
      p = #na + 1
      na[p] = b; wt[a][p] = 0; at[a][b] = p
      local q = #nb + 1
      nb[q] = a; wt[b][q] = 0; at[b][a] = q
    end
    wt[a][p] = wt[a][p] + 1
    local q = at[b][a]
    wt[b][q] = wt[b][q] + 1
  end
  local n = #keys
  for i = 1, n do
    local a = seq[i]
    for j = i + 1, math.min(n, i + window - 1) do link(a, seq[j]) end
  end
  local rank = pagerank(#names, nbr, wt)
  local score = {}
  for i, k in ipairs(names) do score[k] = rank[i] end
  return score, first
end

local methods = {tfidf = true, textrank = true}

-- Scores of DOC's keys by METHOD, kept on DOC for the same method, IDF
-- table and window: score (key -> number), first (key -> index).
local function scores_of(doc, method, idf, window)
  local c = doc.scored
  if c and c.method == method and c.idf == idf and c.window == window then
    return c.score, c.first
  end
  scan(doc)
  local score, first
  if method == "textrank" then
    score, first = textrank(doc.keys, window)
  else
    score, first = tfidf(doc.keys, idf)
  end
  doc.scored = {method = method, idf = idf, window = window, score = score, first = first}
  return score, first
end

--- The K (default 10) best keywords of X (a text, a record or a prepared
-- document): a list of words and a list of their scores, best first.
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
  local doc = summary.prepare(x)
  local score, first
  if method == "textrank" then
    score, first = scores_of(doc, method, nil, opts.window or 5)
  else
    score, first = scores_of(doc, method, opts.idf or summary.idf_table, nil)
  end
  local forms = doc.forms
  local words, scores = {}, {}
  for i, key in ipairs(ranked(score, first, k)) do
    words[i] = forms[key]
    scores[i] = score[key]
  end
  return words, scores
end

-- ---- summaries -------------------------------------------------------------

-- The sentences of the text S, whole and trimmed, none empty.
local function split(s)
  local out = {}
  for _, sent in ipairs(ustr.sentences(s)) do
    sent = ustr.trim(sent)
    if sent ~= "" then out[#out + 1] = sent end
  end
  return out
end

--- The sentences of X (a text or a record), whole and trimmed, empty ones
-- dropped (quire.ustr.sentences: a sentence ends at 。！？!? ; and the like,
-- or at a line break).
function summary.split(x)
  if getmetatable(x) == Doc then
    if not x.sents then x.sents = split(x.text) end
    return table.move(x.sents, 1, #x.sents, 1, {})
  end
  return split(summary.text_of(x))
end

-- Whether a Han character (as src/segment.c counts them: three bytes of
-- UTF-8) starts at byte P of S.
local function han_at(s, p)
  local a, b, c = s:byte(p, p + 2)
  if not c or a < 0xE0 or a > 0xEF or b < 0x80 or b > 0xBF or c < 0x80 or c > 0xBF then
    return false
  end
  return is_han((a & 0x0F) << 12 | (b & 0x3F) << 6 | (c & 0x3F))
end

-- Whether byte P of S is inside a run of Han characters (one just before
-- it and one at it): friso might cut such a run differently alone.
local function inside_han(s, p)
  return p > 3 and han_at(s, p - 3) and han_at(s, p)
end

-- The content keys of each sentence of DOC, SENTS[i] its i-th sentence: a
-- list of lists, in order. They come from the whole text's tokens, with no
-- second segmentation, where that gives what segmenting the sentence alone
-- would: the sentence is found in the text, no token crosses its edges and
-- no Han run does (a sentence ends at punctuation or a line break, so in
-- practice always). Otherwise that sentence is segmented alone.
local function sentence_keys(doc, sents)
  scan(doc)
  local s, words, starts, keys, at = doc.text, doc.words, doc.starts, doc.keys, doc.at
  local ntok, nkeys = #words, #keys
  local t, k, pos = 1, 1, 1
  local out = {}
  for i = 1, #sents do
    local sent = sents[i]
    local a, b = s:find(sent, pos, true)
    local ok = a ~= nil
    if ok then
      local e = b + 1
      -- tokens ending before the sentence are behind us
      while t <= ntok and starts[t] + #words[t] <= a do t = t + 1 end
      if t <= ntok and starts[t] < a then ok = false end
      while t <= ntok and starts[t] + #words[t] <= e do t = t + 1 end
      if t <= ntok and starts[t] < e then ok = false end
      if ok and (inside_han(s, a) or inside_han(s, e)) then ok = false end
      pos = e
    end
    local list = {}
    if ok then
      while k <= nkeys and at[k] < a do k = k + 1 end
      local n = 0
      while k <= nkeys and at[k] <= b do
        n = n + 1
        list[n] = keys[k]
        k = k + 1
      end
    else
      list = content_keys(sent)
    end
    out[i] = list
  end
  return out
end

--- The content words (keys: Latin ones lower-cased) of each sentence of X
-- (a text, a record or a prepared document), in summary.split's order:
-- a list of lists. The same as segmenting each sentence alone.
function summary.sentence_keys(x)
  local doc = summary.prepare(x)
  if not doc.sents then doc.sents = split(doc.text) end
  return sentence_keys(doc, doc.sents)
end

-- Most sentences TextRank compares pairwise; later ones rank by position
-- and keywords only, so a huge text costs no more than this many.
summary.max_ranked = 600

-- TextRank over sentences: SETS[i] is sentence i's list of distinct word
-- ids (integers from 1). Similarity is shared words / (log |Si| + log
-- |Sj|), found through an inverted index so unrelated pairs cost nothing
-- (src/rank.c: each sentence counts what it shares with the later ones in
-- one sweep, then PageRank).
local function sentence_rank(sets)
  return crank.sentences(sets)
end

--- The N (default 3) best sentences of X (a text, a record or a prepared
-- document), whole and in their original order. opts: idf (for the
-- keywords), keywords (how many keywords count for coverage, default 10),
-- weights (see summary.weights).
function summary.sentences(x, n, opts)
  opts = opts or {}
  n = n or 3
  if math.type(n) ~= "integer" or n < 0 then
    error("bad argument #2 to 'quire.summary.sentences' (a whole number >= 0 expected)", 2)
  end
  local doc = summary.prepare(x)
  local sents = summary.split(doc)
  if n >= #sents then return sents end
  if n == 0 then return {} end

  local score_k, first_k = scores_of(doc, "tfidf", opts.idf or summary.idf_table, nil)
  local kweight = {}
  for _, key in ipairs(ranked(score_k, first_k, opts.keywords or 10)) do
    kweight[key] = score_k[key]
  end

  local ranked_n = math.min(#sents, summary.max_ranked)
  local keys_of = sentence_keys(doc, sents)
  local ids, nid = {}, 0
  local sets, cover = {}, {}
  for i = 1, #sents do
    local keys = keys_of[i]
    local seen, list, c = {}, {}, 0
    for m = 1, #keys do
      local key = keys[m]
      if not seen[key] then
        seen[key] = true
        local id = ids[key]
        if not id then nid = nid + 1; id = nid; ids[key] = id end
        list[#list + 1] = id
        c = c + (kweight[key] or 0)
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
