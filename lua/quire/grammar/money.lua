--- quire.grammar.money: sums of money.
--   4万元, 523.88亿元, 1.75亿美元, ¥100, $1.5亿, RMB 100, 200-500万元,
--   3000多块, 0.98 元 / 盒, 1000元每斤
-- The pattern `money` captures {kind = "money", value =, value_end =,
-- unit = ISO 4217 code (CNY, USD, HKD, ...), currency = as written,
-- per = what it is the price of (斤, 盒), approx =}.

local lpeg = require "lpeg"
local n = require "quire.grammar.number"
local P, C, Cc, Cg, Ct, Cmt = lpeg.P, lpeg.C, lpeg.Cc, lpeg.Cg, lpeg.Ct, lpeg.Cmt

local M = {}

-- Longest first where one is the start of another.
M.suffixes = {
  {"元人民币", "CNY"}, {"人民币", "CNY"}, {"块钱", "CNY"}, {"元", "CNY"},
  {"美元", "USD"}, {"美金", "USD"}, {"港元", "HKD"}, {"港币", "HKD"}, {"欧元", "EUR"},
  {"日元", "JPY"}, {"日圆", "JPY"}, {"円", "JPY"}, {"英镑", "GBP"}, {"韩元", "KRW"},
  {"卢布", "RUB"}, {"澳元", "AUD"}, {"加元", "CAD"}, {"新台币", "TWD"}, {"台币", "TWD"},
  {"瑞郎", "CHF"}, {"新加坡元", "SGD"},
}
M.prefixes = {
  {"US$", "USD"}, {"HK$", "HKD"}, {"NT$", "TWD"}, {"$", "USD"}, {"¥", "CNY"}, {"￥", "CNY"},
  {"€", "EUR"}, {"£", "GBP"}, {"RMB", "CNY"}, {"CNY", "CNY"}, {"USD", "USD"}, {"人民币", "CNY"},
}

local codes = {}
local function choice(list)
  local p = P(false)
  for _, pair in ipairs(list) do
    p = p + P(pair[1])
    codes[pair[1]] = pair[2]
  end
  return C(p)
end
local suffix = choice(M.suffixes)
local prefix = choice(M.prefixes)

-- per unit: "/ 盒", "每斤", "/kg"
local per = n.sp * (P"/" + P"／") * n.sp * C(n.han + n.letter^1) + P"每" * C(n.han)

local function build(t)
  local a = t.amount
  return {kind = "money", value = a.value, value_end = a.value_end, approx = a.approx,
    unit = codes[t.currency] or "CNY", currency = t.currency, per = t.per}
end

local amount = Cg(n.amount, "amount")
local tail = (Cg(per, "per"))^-1

--- A sum of money (see the module comment).
M.money = Ct(Cg(prefix, "currency") * n.sp * amount) / build
  + Ct(amount * n.sp * Cg(suffix, "currency") * tail) / build
  -- 块 is money only after digits (3000多块; 一块 is "together")
  + Cmt(Ct(amount * n.sp * Cg(C(P"块"), "currency") * tail), function(_, pos, t)
      return t.amount.arabic and pos, build(t)
    end)

-- For the scanner (quire.grammar), which reads a number once and then
-- looks at what follows: the fields after an amount, and the builder.
M.after = Ct(n.sp * Cg(suffix, "currency") * tail)
M.after_kuai = Ct(n.sp * Cg(C(P"块"), "currency") * tail)
M.build = build
M.prefixed = Ct(Cg(prefix, "currency") * n.sp * amount) / build
-- what a sum can start with, besides digits and numerals
M.first = {}
for _, pair in ipairs(M.prefixes) do M.first[#M.first + 1] = pair[1] end

return M
