-- Times quire.grammar.extract over the body text of every record of the
-- archives given (as scripts/bench runs it: quire -E run THIS ARCHIVE...)
-- and prints a Markdown table: per kind and for all kinds together, MB of
-- text per second and matches per second. Text is the DOM's text, got
-- once before timing.
local quire = require "quire"
local g = quire.grammar
local now = require("quire.c.sys").now

local texts, bytes, times = {}, 0, {}
for rec in quire.open({...}) do
  if rec.body then
    local ok, text = pcall(function() return rec:dom():text() end)
    if ok and text ~= "" then
      texts[#texts + 1] = text
      times[#texts] = rec.time
      bytes = bytes + #text
    end
  end
end
if #texts == 0 then
  io.stderr:write("grammar_bench: no text in the archives given\n")
  os.exit(2)
end

local function run(kinds, rounds)
  local best, matches = math.huge, 0
  for _ = 1, rounds do
    local t0, n = now(), 0
    for i, text in ipairs(texts) do
      n = n + #g.extract(text, {kinds = kinds, time = times[i]})
    end
    best, matches = math.min(best, now() - t0), n
  end
  return best, matches
end

print(string.format("%d records, %.2f MB of text\n", #texts, bytes / 1e6))
print("| kinds | matches | seconds | MB/s | matches/s |")
print("|---|---:|---:|---:|---:|")
for _, kinds in ipairs {"date", "money", "percent", "count", "number", "attribution", "fact",
    "date,time,money,percent,count,number,attribution,fact"} do
  local secs, n = run(kinds, 3)
  print(string.format("| %s | %d | %.3f | %.2f | %.0f |", kinds == "date,time,money,percent,count,number,attribution,fact" and "all" or kinds,
    n, secs, bytes / 1e6 / secs, n / secs))
end
