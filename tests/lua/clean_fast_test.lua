-- The cleaner's two C shortcuts give what the Lua they spare would:
--  * dom.rulebook / dom.may_match (src/rulebook.c) only rules out texts
--    no rule of a list can match: checked directly, and over every block
--    text of the corpus against each bundled rule list matched in Lua;
--  * dom.art_jsonl writes the JSON line of a cleaned record from the
--    document's article (the kept blocks in C): decoded, it equals
--    clean.finish's blocks and clean.text's text for every corpus post.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local clean = require "quire.clean"
local generic = require "quire.clean.generic"
local dom = require "quire.c.dom"
local cjson = require "cjson"

-- ---- may_match ---------------------------------------------------------

do
  local book = dom.rulebook({{firsts = {"来", "本"}, max = 10}, {lead = "尽在"}}, true)
  check.eq(dom.may_match(book, "来源：新华社"), true, "first character")
  check.eq(dom.may_match(book, "  \t来源：新华社"), true, "after ASCII white space")
  check.eq(dom.may_match(book, "据新华社"), false, "no first character, no lead")
  check.eq(dom.may_match(book, "来源：一二三四五六七八九十"), false, "more characters than max")
  check.eq(dom.may_match(book, "海量资讯，尽在新浪财经APP"), true, "the lead anywhere")
  check.eq(dom.may_match(book, ""), false, "empty text")
  check.eq(dom.may_match(dom.rulebook({}, false), "anything"), false, "no rules")
  check.eq(dom.may_match(dom.rulebook({{}}, false), "anything"), true, "a rule that needs nothing")
  -- folded: a full-width parenthesis reads as "(" for a folding book only
  local paren = {{firsts = {"("}}}
  check.eq(dom.may_match(dom.rulebook(paren, true), "（责任编辑：张三）"), true, "folded first character")
  check.eq(dom.may_match(dom.rulebook(paren, false), "（责任编辑：张三）"), false, "plain book does not fold")
  check.eq(dom.may_match(dom.rulebook({{lead = "编辑:"}}, true), "责任编辑：张三"), true, "folded lead")
  -- a caller that knows the text has no wide characters is believed
  check.eq(dom.may_match(dom.rulebook(paren, true), "（责任编辑）", false), false, "wide given")
  -- max counts characters, not bytes, and bad UTF-8 never reads as longer
  -- a pattern that starts with digits rules out texts that do not
  check.eq(clean.pattern_digits("^%d%d%d%d[-/.]%d%d?"), 4)
  check.eq(clean.pattern_digits("^%d+$"), 1)
  check.eq(clean.pattern_digits("^%d?%d:%d%d$"), 0)
  check.eq(clean.pattern_digits("%d%d"), 0)
  local dated = dom.rulebook({{digits = 4, firsts = {"1", "2"}, max = 30}}, true)
  check.eq(dom.may_match(dated, "2024-05-13"), true, "four digits")
  check.eq(dom.may_match(dated, " 2024年5月13日"), true, "after white space")
  check.eq(dom.may_match(dated, "1月1日 上海"), false, "one digit")
  local max3 = dom.rulebook({{max = 3}}, false)
  check.eq(dom.may_match(max3, "一二三"), true)
  check.eq(dom.may_match(max3, "一二三四"), false)
  check.eq(dom.may_match(max3, "\xe4\xb8\xe4\xb8"), true, "lead bytes of bad UTF-8")
  -- a tail is compared with the text's (or the folded text's) last bytes
  local tailed = dom.rulebook({{tail = "分钟前", max = 30}, {tail = ":", firsts = {"X"}}}, true)
  check.eq(dom.may_match(tailed, "lxq 2 小时 58 分钟前"), true, "ends with the tail")
  check.eq(dom.may_match(tailed, "58 分钟前的消息"), false, "the tail elsewhere")
  check.eq(dom.may_match(tailed, "前"), false, "shorter than the tail")
  check.eq(dom.may_match(tailed, "X 作者："), true, "the folded text ends with the tail")
  check.eq(dom.may_match(tailed, "Y 作者："), false, "tail and first character both count")
  check.raises("rulebook expected", dom.may_match, {}, "x")
end

-- Every rule list the cleaner runs, with how it runs them: line rules
-- (text and folded text, max in characters) or plain pattern lists.
local lists = {
  {name = "generic.lines", rules = generic.lines},
  {name = "generic.promo", plain = generic.promo},
  {name = "generic.related", plain = generic.related},
  {name = "generic.references", plain = generic.references},
  {name = "generic.end_marks", plain = generic.end_marks},
}
for _, name in ipairs(clean.profile_names()) do
  local p = clean.profile(name)
  if p and p.lines then lists[#lists + 1] = {name = name .. ".lines", rules = p.lines} end
end

-- The first character of TEXT after white space (what anchored rules see).
local function first(text)
  return text:match("^[%s]*([\1-\127\194-\244][\128-\191]*)")
end

-- Whether some rule of L matches TEXT, as plainly as the rules read.
local function matches(l, text)
  if l.plain then
    for _, p in ipairs(l.plain) do if text:find(p) then return true end end
    return false
  end
  local folded = clean.fold(text)
  local n = utf8.len(text) or #text
  for _, r in ipairs(l.rules) do
    local pat = r.strip or r.match or (type(r.drop) ~= "boolean" and r.drop) or r.cut or r.pattern
    local fits = r.strip or not r.max or n <= r.max
    if type(pat) == "string" then
      if text:find(pat) or (not r.strip and folded:find(pat)) then
        if fits then return true end
      end
    elseif r.lift and fits then
      -- a function rule is tried on every text that starts as it says
      -- (and holds its lead, when it has one)
      local led = not r.lead or text:find(r.lead, 1, true) or folded:find(r.lead, 1, true)
      for _, c in ipairs(r.first or {}) do
        if led and (first(text) == c or first(folded) == c) then return true end
      end
    end
  end
  return false
end

-- Block texts of the corpus: each walked block's text, and list items.
local texts, seen = {}, {}
local function add(t) if not seen[t] then seen[t] = true; texts[#texts + 1] = t end end
for rec in quire.open(check.corpus()) do
  if rec.body then
    clean.clean_with(rec, {profile = "none", generic = false}, function(raw)
      for _, b in ipairs(raw) do
        add(b.text)
        for _, item in ipairs(b.items or {}) do add(item) end
      end
    end)
  end
end
-- and lines made to match each list
for _, t in ipairs {"来源：新华社", "（责任编辑：张三）", "海量资讯、精准解读，尽在新浪财经APP",
  "相关阅读", "- END -", "扫码关注我们", "查看知乎原文", "References", "原标题：某某"} do add(t) end
check.ok(#texts > 3000, "block texts from the corpus: " .. #texts)

for _, l in ipairs(lists) do
  local ruled_out, matched, wrong = 0, 0, {}
  for _, text in ipairs(texts) do
    local m = matches(l, text)
    if m then matched = matched + 1 end
    local may = clean.may_match_list(l.plain or l.rules, l.plain ~= nil, text)
    if not may then
      ruled_out = ruled_out + 1
      if m then wrong[#wrong + 1] = text end
    end
  end
  check.eq(#wrong, 0, l.name .. ": texts a rule matches but may_match ruled out: "
    .. table.concat(wrong, " | "))
  check.ok(matched > 0, l.name .. " matches some text")
  check.ok(ruled_out > 0, l.name .. " rules some texts out")
end

-- a pattern led by an escaped character ("%(", an optional "%*") is
-- indexed by it: a text holding the rule's lead but starting with another
-- character is ruled out without a search
check.eq(clean.may_match_list({{drop = "^%(Gentileza [^%(%)]*%)$", max = 60}}, false, "Gentileza Municipalidad"), false)
check.eq(clean.may_match_list({{drop = "^%(Gentileza [^%(%)]*%)$", max = 60}}, false, "(Gentileza X)"), true)
check.eq(clean.may_match_list({{drop = "^%*?头图来源%s*:", max = 60}}, false, "据头图来源：视觉中国"), false)
check.eq(clean.may_match_list({{drop = "^%*?头图来源%s*:", max = 60}}, false, "*头图来源：视觉中国"), true)
check.eq(clean.may_match_list({{drop = "^%*?头图来源%s*:", max = 60}}, false, "头图来源：视觉中国"), true)

-- ---- art_jsonl ---------------------------------------------------------

local records = 0
for rec in quire.open(check.corpus()) do
  if rec.body then
    for _, profile in ipairs {"auto", "none"} do
      local opts = {profile = profile}
      local got = clean.clean_with(rec, opts, function(raw, _, doc)
        return {line = dom.art_jsonl(doc, '{"text":'), finished = clean.finish(raw, opts)}
      end)
      check.ok(got.line and got.line:sub(-1) == "\n", rec.path .. ": one line")
      local obj = cjson.decode(got.line)
      check.eq(obj.text, clean.text(got.finished), rec.path .. " text")
      check.same(obj.blocks, got.finished, rec.path .. " blocks (" .. profile .. ")")
      check.eq(got.line:find("\\/", 1, true), nil, "'/' is not escaped")
    end
    records = records + 1
  end
end
check.ok(records >= 160, "corpus posts written: " .. records)

check.done()
