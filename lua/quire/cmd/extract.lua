--- quire extract: numbers, dates, money, percentages, counts, attributions
-- and facts found in each record's text (see lua/quire/grammar/init.lua).

local quire = require "quire"
local grammar  -- quire.grammar, required in run: compiling its patterns takes a while,
               -- and quire --help loads every command for its summary
local ustr = require "quire.ustr"
local cjson = require("cjson").new()
cjson.encode_invalid_numbers(true)

local function say(fmt, ...)
  io.stderr:write("quire: ", string.format(fmt, ...), "\n")
end

-- cjson writes "\/" for "/"; JSON needs no escape there.
local function encode(v)
  return (cjson.encode(v):gsub("\\/", "/"))
end

-- The record's text: rec:text() when the record has it (the cleaner), else
-- the DOM's text, else the body without tags.
local function record_text(rec)
  if type(rec.text) == "function" then
    local ok, text = pcall(rec.text, rec)
    if ok and type(text) == "string" then return text end
  end
  if rec.body == nil then return "" end
  local ok, text = pcall(function() return rec:dom():text() end)
  if ok and type(text) == "string" then return text end
  return (rec.body:gsub("<[^>]*>", " "))
end

-- Byte ranges of TEXT's sentences (quire.ustr.sentences), in order.
local function sentence_spans(text)
  local spans, from = {}, 1
  for _, s in ipairs(ustr.sentences(text)) do
    local a, b = text:find(s, from, true)
    if a then
      spans[#spans + 1] = {a, b, s}
      from = b + 1
    end
  end
  return spans
end

-- What a match adds beyond value, unit and date, as one short string.
local function detail(m)
  if m.kind == "fact" then
    local parts = {}
    for _, k in ipairs {"where", "subject", "measure"} do
      if m[k] then parts[#parts + 1] = k .. "=" .. m[k] end
    end
    return table.concat(parts, " ")
  elseif m.kind == "attribution" then
    return m.type .. (m.verb and (" " .. m.verb) or "") .. (m.place and (" " .. m.place) or "")
  elseif m.kind == "percent" then
    return ((m.basis or "") .. " " .. (m.change or "")):match("^%s*(.-)%s*$")
  elseif m.kind == "money" then
    return m.per and ("per " .. m.per) or ""
  elseif m.kind == "count" then
    return m.ordinal and "ordinal" or ""
  end
  return ""
end

local function range(a, b)
  if a == nil then return "" end
  if b ~= nil and b ~= a then return tostring(a) .. ".." .. tostring(b) end
  return tostring(a)
end

local function value_string(v)
  if type(v) == "number" then
    if math.type(v) == "float" and v == math.floor(v) and math.abs(v) < 2^53 then
      return tostring(math.tointeger(v))
    end
    return string.format("%.14g", v)
  end
  return v == nil and "" or tostring(v)
end

-- The rows of one record: one per match, with the sentence it is in.
local function rows_of(rec, kinds)
  local text = record_text(rec)
  local found = grammar.extract(text, {kinds = kinds, time = rec.time})
  if #found == 0 then return nil end
  local spans = sentence_spans(text)
  local rows, si = {}, 1
  local order = {}
  for i, m in ipairs(found) do order[i] = m end
  for _, m in ipairs(order) do
    while spans[si + 1] and spans[si][2] < m.start do si = si + 1 end
    local span = spans[si]
    local sentence = span and span[1] <= m.start and span[3] or ""
    rows[#rows + 1] = {
      path = rec.path, title = rec.title, record_date = rec.date,
      kind = m.kind, text = m.text,
      value = value_string(m.value), value_end = m.value_end and value_string(m.value_end) or nil,
      unit = m.unit, date = range(m.date, m.date_end) ~= "" and range(m.date, m.date_end) or nil,
      when = m.when and range(m.when, m.when_end) or nil,
      detail = detail(m), sentence = sentence,
      start = m.cstart, stop = m.cstop,
    }
  end
  return rows
end

local JSON_KEYS = {"path", "title", "record_date", "kind", "text", "value", "value_end", "unit",
  "date", "when", "detail", "start", "stop", "sentence"}

local function jsonl(row)
  local parts = {}
  for _, k in ipairs(JSON_KEYS) do
    local v = row[k]
    if v ~= nil and v ~= "" then parts[#parts + 1] = encode(k) .. ":" .. encode(v) end
  end
  return "{" .. table.concat(parts, ",") .. "}\n"
end

local CSV_KEYS = {"path", "title", "record_date", "kind", "text", "value", "value_end", "unit",
  "date", "when", "detail", "sentence"}

--- One RFC 4180 field: quoted when it holds a comma, quote, CR or LF,
-- with quotes doubled.
local function csv_field(v)
  v = v == nil and "" or tostring(v)
  if v:find('[,"\r\n]') then v = '"' .. v:gsub('"', '""') .. '"' end
  return v
end

local function csv_line(values)
  local out = {}
  for i, v in ipairs(values) do out[i] = csv_field(v) end
  return table.concat(out, ",") .. "\r\n"
end

local function csv(row)
  local values = {}
  for i, k in ipairs(CSV_KEYS) do values[i] = row[k] or "" end
  return csv_line(values)
end

-- Table: a heading per record, then kind, value, unit, date, text.
local function table_rows(rows)
  local out = {}
  local r1 = rows[1]
  out[1] = string.format("==> %s  %s  %s\n", r1.path or "?", r1.record_date or "(no date)", r1.title or "")
  for _, r in ipairs(rows) do
    local value = r.value_end and (r.value .. ".." .. r.value_end) or r.value
    out[#out + 1] = "  " .. ustr.pad(r.kind, 12) .. ustr.pad(ustr.truncate(value, 20), 21)
      .. ustr.pad(ustr.truncate(r.unit or "", 8), 9) .. ustr.pad(r.date or r.when or "", 23)
      .. ustr.truncate(r.text:gsub("%s+", " "), 40) .. "\n"
  end
  out[#out + 1] = "\n"
  return table.concat(out)
end

local function open_output(path)
  if not path or path == "-" then return io.stdout, function() return true end end
  local tmp = string.format("%s.tmp-%d", path, require("quire.c.sys").pid())
  local f, err = io.open(tmp, "wb")
  if not f then return nil, err end
  return f, function(ok)
    local closed, cerr = f:close()
    if not ok or not closed then os.remove(tmp); return false, cerr end
    local renamed, rerr = os.rename(tmp, path)
    if not renamed then os.remove(tmp); return false, rerr end
    return true
  end
end

local function run(ctx)
  grammar = require "quire.grammar"
  local opts = ctx.opts
  if #ctx.args == 0 then
    say("extract needs an ARCHIVE (see 'quire extract --help')")
    return 2
  end
  local ok_kinds, kinds = pcall(grammar.kind_set, opts.only)
  if not ok_kinds then
    say("--only: %s", tostring(kinds):gsub("^.-quire%.grammar%.extract: ", ""))
    return 2
  end
  local format = opts.format or "jsonl"
  local render = ({jsonl = function(rows)
      local out = {}
      for i, r in ipairs(rows) do out[i] = jsonl(r) end
      return table.concat(out)
    end,
    csv = function(rows)
      local out = {}
      for i, r in ipairs(rows) do out[i] = csv(r) end
      return table.concat(out)
    end,
    table = table_rows})[format]
  local out, finish = open_output(opts.output)
  if not out then say("%s", finish); return 1 end
  local ok, err = pcall(function()
    if format == "csv" then out:write(csv_line(CSV_KEYS)) end
    quire.map(nil, function(rec)
      if rec.error and not rec.body then return nil end
      local rows = rows_of(rec, kinds)
      return rows and render(rows)
    end, {jobs = opts.jobs, sink = out})
  end)
  local done, ferr = finish(ok)
  if not ok then error(err, 0) end
  if not done then say("cannot write %s: %s", opts.output, ferr); return 1 end
  return 0
end

return {
  summary = "numbers, dates, money, percentages, counts, sources and facts in the text",
  usage = "quire extract ARCHIVE... [--only KINDS] [--format jsonl|csv|table] [-o OUT]",
  help = [[One line per match: the record's path, title and date, the kind, the text
matched, its value (with the unit multiplier applied: 1.2万 is 12000), the
unit (例, 人, CNY, %, 百分点 ...), the date it names in ISO 8601 (a year left
out or 昨天 is read against the record's date, in --tz), details, and the
sentence it is in. Kinds: date, time, money, percent, count, number (bare
numbers that are none of the others), attribution (据…报道, …电, 来源：,
《titles》, “quotes”) and fact (新增, 累计, 同比 statements put together).

--only takes one kind or several separated by commas (plurals such as
dates, numbers, counts and quotes work too). CSV is RFC 4180 with a header
row; JSON lines carry the same fields (start and stop are character
offsets in the text).

  quire extract posts/ --only counts,facts
  quire extract posts/ --only money --format csv -o money.csv
  quire extract posts/ --format table]],
  options = {
    {long = "--only", arg = "KINDS", help = "kinds to extract, separated by commas (default: all)"},
    {long = "--format", arg = "FORMAT", choices = {"jsonl", "csv", "table"}, default = "jsonl", help = "output format"},
  },
  run = run,
}
