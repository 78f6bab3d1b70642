-- covid_timeline.lua: a timeline of COVID-19 case counts reported in the
-- archive — every fact the grammars read (新增 / 累计 / 无新增 …) whose
-- subject is cases or infections, by the day it is about, as a Markdown
-- table with the post it came from. Facts without their own date take the
-- post's date (marked with *).
--
--   quire run examples/reports/covid_timeline.lua examples/archive
--   quire run examples/reports/covid_timeline.lua posts/ --where "source == '新浪财经'" -j 2
local quire = require "quire"

local CASES = {"确诊", "病例", "感染者", "阳性"}

local function about_cases(fact)
  local subject = fact.subject or fact.text or ""
  for _, word in ipairs(CASES) do
    if subject:find(word, 1, true) then return true end
  end
  return false
end

-- in workers: the case facts of one record, as plain rows
local rows = {}
quire.map(nil, function(rec)
  if not rec.body then return nil end
  local found = {}
  for _, fact in ipairs(quire.grammar.extract(rec:text(), {kinds = "facts", time = rec.time})) do
    if about_cases(fact) then
      local own_date = type(fact.when) == "string" and fact.when:match("^%d%d%d%d%-%d%d%-%d%d")
      found[#found + 1] = {
        day = own_date or (rec.date or "????-??-??"):sub(1, 10),
        dated = own_date and "" or "*",
        where = fact.where or "", measure = fact.measure or "", subject = fact.subject or "",
        value = fact.value, unit = fact.unit or "", title = rec.title or rec.path,
      }
    end
  end
  return #found > 0 and found or nil
end, {each = function(found)
  for _, row in ipairs(found) do rows[#rows + 1] = row end
end})

-- a total order, so the table is the same for any -j
table.sort(rows, function(a, b)
  for _, k in ipairs {"day", "title", "where", "measure", "subject"} do
    if a[k] ~= b[k] then return a[k] < b[k] end
  end
  return (tonumber(a.value) or 0) < (tonumber(b.value) or 0)
end)

local function cell(s) return (tostring(s):gsub("|", "\\|")) end
print("# COVID-19 cases reported in the archive\n")
if #rows == 0 then
  print("No case counts found.")
  return
end
print("| day | where | measure | what | number | post |")
print("|---|---|---|---|---:|---|")
for _, r in ipairs(rows) do
  local number = r.value == 0 and "0" or string.format("%s%s", r.value, r.unit)
  print(string.format("| %s%s | %s | %s | %s | %s | %s |", r.day, r.dated, cell(r.where),
    cell(r.measure), cell(r.subject), cell(number), cell(r.title)))
end
print(string.format("\n%d facts; * = the post's date, the text gave none.", #rows))
