--- quire.grammar.attribution: who says so, and what is quoted.
--   据《新华日报》报道          {type = "report", source = "新华日报", title = true}
--   据江苏省卫健委8月9日通报    {type = "report", source = "江苏省卫健委", verb = "通报", date = {...}}
--   新华社北京8月9日电          {type = "dateline", source = "新华社", place = "北京", date = {...}}
--   来源：光明日报 / 来源|观察者网 {type = "source", source = "光明日报"}
--   原标题：…  责任编辑：…  作者：…  {type = "original_title" | "editor" | "author"}
--   《长津湖》                  {type = "title", value = "长津湖"}
--   “……”  「……」               {type = "quote", value = the quoted text}
-- Every capture is {kind = "attribution", type =, value =, ...}; value is
-- the source, the name or the quoted text. Names and quotes are bounded
-- (names 24 characters, quotes 300) so that an unclosed 《 or “ costs
-- little wherever it is.

local lpeg = require "lpeg"
local n = require "quire.grammar.number"
local date = require "quire.grammar.date"
local P, C, Cc, Cg, Ct = lpeg.P, lpeg.C, lpeg.Cc, lpeg.Cg, lpeg.Ct

local M = {}

local ch = n.char
local punct = P"，" + P"。" + P"；" + P"：" + P"、" + P"！" + P"？" + P"（" + P"）"
  + P"“" + P"”" + P"《" + P"》" + P"\n" + P"\r" + lpeg.S",.;:!?()\"|"

-- 据 X 报道: the verbs that end a reported source, longest first
M.verbs = {"报道", "消息", "通报", "披露", "发布", "公布", "显示", "介绍", "透露",
  "表示", "获悉", "了解", "援引", "指出", "称"}
local verb = P(false)
for _, w in ipairs(M.verbs) do verb = verb + P(w) end

local function bounded(p, max)
  -- one to MAX repetitions of p
  return p * p^-(max - 1)
end

-- The pattern is one LPeg grammar: what a bounded repetition repeats, and
-- the dates, are its rules, called where they are used. Written out in
-- place (p^-n is n copies of p), 24 copies of a name's character with a
-- date in it made a pattern that took LPeg 50 ms to compile.
local rules = {}
local function rule(name, p)
  rules[name] = p
  return lpeg.V(name)
end
local V_date = rule("date", date.date)

local stop = verb + punct + V_date
local name_char = rule("name_char", ch - stop)
local name = C(bounded(name_char, 24))

local book = P"《" * C(bounded(rule("book_char", ch - P"》" - P"《" - P"\n"), 60)) * P"》"

local report = P"据" * n.sp * (Cg(book, "source") * Cg(Cc(true), "title") + Cg(name / function(s)
    return (s:gsub("[ \t]+$", ""))
  end, "source"))
  * n.sp * (Cg(V_date, "date") * n.sp)^-1 * Cg(C(verb), "verb")

-- news agency datelines: 新华社北京8月9日电, 中新网广州6月22日电
M.agencies = {"新华社", "中新社", "中新网", "中国新闻网", "人民网", "央视网", "央视新闻", "新华网",
  "澎湃新闻", "环球网", "环球时报", "新京报", "北京日报", "光明网", "财联社", "路透社", "美联社",
  "法新社", "彭博社", "塔斯社", "共同社", "中国日报网", "中国经济网", "证券时报网", "界面新闻"}
local agency = P(false)
table.sort(M.agencies, function(a, b) return #a > #b end)
for _, w in ipairs(M.agencies) do agency = agency + P(w) end
local place = C(bounded(rule("place_char", n.han - V_date - P"电"), 6))
local dateline = Cg(C(agency), "source") * n.sp * (Cg(place, "place") * n.sp)^-1
  * (Cg(V_date, "date") * n.sp)^-1 * P"电"

-- 来源：X, 来源|X; 原标题：X; 责任编辑：X; 作者：X
local colon = n.sp * (P"：" + P":" + P"|" + P"｜") * n.sp
local field_end = P"\n" + P"\r" + P" " + P"　" + P"，" + P"。" + P"；" + P"）"
local field_value = C(bounded(rule("field_char", ch - field_end), 40))
local title_value = C(bounded(rule("title_char", ch - P"\n" - P"\r"), 80))
local labeled = P"来源" * colon * Cg(field_value, "source") * Cg(Cc("source"), "type")
  + P"原标题" * colon * Cg(title_value, "source") * Cg(Cc("original_title"), "type")
  + (P"责任编辑" + P"编辑") * colon * Cg(field_value, "source") * Cg(Cc("editor"), "type")
  + (P"作者" + P"记者") * colon * Cg(field_value, "source") * Cg(Cc("author"), "type")

local function quoted(open, close, max)
  return P(open) * C(bounded(rule("in" .. open, ch - P(close) - P(open)), max)) * P(close)
end
local quote = quoted("“", "”", 300) + quoted("「", "」", 300) + quoted("『", "』", 300)

local function build(t)
  t.kind = "attribution"
  t.value = t.value or t.source
  if t.date then
    local d = t.date
    t.date = nil
    t.when = d
  end
  return t
end

--- What an attribution can start with (for the searches in quire.grammar).
M.first = {"据", "来源", "原标题", "责任编辑", "编辑", "作者", "记者", "《", "“", "「", "『"}
for _, w in ipairs(M.agencies) do M.first[#M.first + 1] = w end

--- Any attribution or quotation (see the module comment).
rules[1] = "attribution"
rules.attribution = Ct(Cg(Cc("report"), "type") * report) / build
  + Ct(Cg(Cc("dateline"), "type") * dateline) / build
  + Ct(labeled) / build
  + Ct(Cg(Cc("title"), "type") * Cg(book, "value")) / build
  + Ct(Cg(Cc("quote"), "type") * Cg(quote, "value")) / build
M.attribution = P(rules)

return M
