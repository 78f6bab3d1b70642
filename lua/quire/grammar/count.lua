--- quire.grammar.count: numbers with a counter or a unit of measure.
--   38例, 1023人, 30家, 第 17 位, 272 万名, 两天, 半小时, 39768万平方米,
--   二十余年, 11.14 千米
-- The pattern `count` captures {kind = "count", value =, value_end =,
-- unit = the counter as written, ordinal = true (第 N), approx =}.
-- A year (2021年, 1800..2099 before 年) is not a count of years.

local lpeg = require "lpeg"
local n = require "quire.grammar.number"
local P, C, Cc, Cg, Ct, Cmt = lpeg.P, lpeg.C, lpeg.Cc, lpeg.Cg, lpeg.Ct, lpeg.Cmt

local M = {}

--- Counters and units, tried longest first.
M.counters = {
  -- people, cases, things
  "例", "人次", "人", "名", "位", "户", "家", "起", "次", "座", "个", "辆", "件", "台", "部",
  "只", "套", "张", "架", "门", "条", "所", "项", "篇", "款", "种", "份", "批", "场",
  "栋", "头", "枚", "颗", "株", "棵", "根", "瓶", "盒", "包", "粒", "城", "轮", "集",
  "层", "届", "节", "字", "倍", "股", "艘", "口", "间", "处", "支", "封", "期", "组", "代",
  -- time
  "个月", "个小时", "个星期", "个工作日", "小时", "分钟", "秒钟", "秒", "天", "周", "星期",
  "年", "岁", "个交易日", "工作日",
  -- weights and measures
  "吨", "公斤", "千克", "克", "斤", "毫升", "升", "平方米", "平方公里", "平方千米",
  "公顷", "亩", "千米", "公里", "厘米", "毫米", "米", "千瓦时", "千瓦", "度",
}

local words = {}
for _, w in ipairs(M.counters) do words[#words + 1] = w end
table.sort(words, function(a, b) return #a > #b end)
local counter = P(false)
for _, w in ipairs(words) do
  -- 人 before 民 is a name (第二人民医院), not people
  counter = counter + (w == "人" and P(w) * -P"民" or P(w))
end

-- words that start with 一 + a counter but count nothing
local idioms = P"一起" + P"一部分" + P"一条心" + P"一次性" + P"一个个" + P"一口气"
  + P"一股" + P"一代" + P"一门" + P"一场空" + P"一度" + P"一处" + P"一期" + P"一层"
  + P"一周年" + P"一份子"
-- halves: 上半年 and 下半年 are halves of a year, not half years
local half_year = P"上半" + P"下半"

local function build(t)
  local a = t.amount
  return {kind = "count", value = a.value, value_end = a.value_end, approx = a.approx,
    unit = t.unit, ordinal = t.ordinal}
end

local amount = Cg(n.amount + Ct(Cg(n.half, "value")), "amount")

-- Whether T (amount and unit) is a count: 2021年 is a year (第2022年 too);
-- 度 and 代 count only after digits (10度; 一度 means "for a time").
local function valid(t)
  local a = t.amount
  if t.unit == "年" and n.is_year(a.value) and a.arabic and not a.approx then return false end
  if (t.unit == "度" or t.unit == "代") and not a.arabic then return false end
  return true
end

M.count = Cmt(Ct(-idioms * (P"第" * n.sp * Cg(Cc(true), "ordinal"))^-1 * amount * n.sp
    * Cg(C(counter), "unit")), function(_, pos, t)
  return valid(t) and pos, build(t)
end)

-- For the scanner (quire.grammar): the fields after an amount, the check
-- and builder, the forms that start before the number, and the idioms.
M.after = Ct(n.sp * Cg(C(counter), "unit"))
M.valid = valid
M.build = build
M.led = Cmt(Ct(P"第" * n.sp * Cg(Cc(true), "ordinal") * amount * n.sp * Cg(C(counter), "unit")
    + Cg(Ct(Cg(n.half, "value")), "amount") * n.sp * Cg(C(counter), "unit")),
  function(_, pos, t) return valid(t) and pos, build(t) end)
M.idioms = idioms
M.first = {"第", "半"}

--- 上半年 / 下半年 (matched so that 半年 inside them is not half a year).
M.half_year = half_year * P"年"

return M
