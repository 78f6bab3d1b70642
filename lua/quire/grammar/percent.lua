--- quire.grammar.percent: percentages and percentage points.
--   3.5%, 25 ％, 百分之三点五, 百分之30, 同比下降2.7%, 增长 0.4 个百分点, 15-20%
-- The pattern `percent` captures {kind = "percent", value = 3.5,
-- value_end =, unit = "%" or "百分点", change = "up" | "down" (增长, 下降 ...
-- written before it), basis = "同比" | "环比", approx =}.

local lpeg = require "lpeg"
local n = require "quire.grammar.number"
local P, C, Cg, Ct, Cc = lpeg.P, lpeg.C, lpeg.Cg, lpeg.Ct, lpeg.Cc

local M = {}

M.up = {"增长", "上涨", "上升", "提高", "增加", "提升", "攀升", "增幅", "涨幅", "增", "涨", "升"}
M.down = {"下降", "下滑", "下跌", "减少", "降低", "回落", "缩减", "降幅", "跌幅", "减", "降", "跌"}

local change = P(false)
for _, w in ipairs(M.up) do change = change + P(w) * Cc("up") end
for _, w in ipairs(M.down) do change = change + P(w) * Cc("down") end
local basis = C(P"同比" + P"环比")
local lead = (Cg(basis, "basis") * n.sp)^-1 * Cg(change, "change") * P"了"^-1 * (P"约" + P"近")^-1 * n.sp

local sign = P"%" + P"％"
local amount = Cg(n.amount, "amount")

local function build(t)
  local a = t.amount
  return {kind = "percent", value = a.value, value_end = a.value_end, approx = a.approx,
    unit = t.unit, change = t.change, basis = t.basis}
end

local body = amount * n.sp * sign * Cg(Cc("%"), "unit")
  + P"百分之" * Cg(Ct(Cg(n.arabic * n.arabic_end + n.cn, "value")), "amount") * Cg(Cc("%"), "unit")
  + amount * n.sp * P"个"^-1 * n.sp * P"百分点" * Cg(Cc("百分点"), "unit")

--- A percentage (see the module comment).
M.percent = Ct(lead^-1 * body) / build

-- For the scanner (quire.grammar): the fields after an amount, the
-- builder, and the forms that start before the number.
M.after = Ct(n.sp * sign * Cg(Cc("%"), "unit")
  + n.sp * P"个"^-1 * n.sp * P"百分点" * Cg(Cc("百分点"), "unit"))
M.build = build
M.first = {"同比", "环比", "百分之"}
for _, w in ipairs(M.up) do M.first[#M.first + 1] = w end
for _, w in ipairs(M.down) do M.first[#M.first + 1] = w end
M.led = Ct(lead * body) / build + Ct(P"百分之" * Cg(Ct(Cg(n.arabic * n.arabic_end + n.cn, "value")), "amount") * Cg(Cc("%"), "unit")) / build

return M
