--- quire.pretty: values shown the way the REPL prints them. Tables nest to
-- a depth with a cap on items, strings are cut to a display width (CJK
-- counts two columns), a record is a one-screen card, a list of records an
-- aligned table and a DOM node an indented outline.
-- local pretty = require "quire.pretty"
-- print(pretty.format({1, 2, {3}}))  --> {1, 2, {3}}

local pretty = {}

--- Limits used when format() is given none: nesting depth, items shown per
-- table (and rows per list of records), and the screen's width in columns.
pretty.defaults = {depth = 3, items = 20, width = 80}

-- Display width: quire.ustr when it is there, else code points with
-- U+1100..U+FFFF counted wide.
local has_ustr, ustr = pcall(require, "quire.ustr")
if not (has_ustr and type(ustr) == "table" and ustr.width and ustr.truncate) then ustr = nil end

local function wide(c) return c >= 0x1100 and c <= 0xFFFF end

--- Terminal columns S takes.
function pretty.width(s)
  if ustr then return ustr.width(s) end
  if not utf8.len(s) then return #s end
  local w = 0
  for _, c in utf8.codes(s) do w = w + (wide(c) and 2 or 1) end
  return w
end

--- S cut to at most COLS columns, ending in "…" when cut.
function pretty.truncate(s, cols)
  if pretty.width(s) <= cols then return s end
  if ustr then return ustr.truncate(s, cols, "…") end
  if not utf8.len(s) then return s:sub(1, math.max(cols - 1, 0)) .. "…" end
  local out, w = {}, 0
  for _, c in utf8.codes(s) do
    w = w + (wide(c) and 2 or 1)
    if w > cols - 1 then break end
    out[#out + 1] = utf8.char(c)
  end
  return table.concat(out) .. "…"
end

--- S padded with spaces on the right to COLS columns.
function pretty.pad(s, cols)
  local gap = cols - pretty.width(s)
  return gap > 0 and s .. string.rep(" ", gap) or s
end

local function metaname(v)
  local mt = getmetatable(v)
  return type(mt) == "table" and rawget(mt, "__name") or nil
end

--- Whether V is a record (its metatable is quire.Record).
function pretty.is_record(v)
  return type(v) == "table" and metaname(v) == "quire.Record"
end

--- Whether V is a DOM node or document (userdata with the quire.Node or
-- quire.Document metatable).
function pretty.is_node(v)
  if type(v) ~= "userdata" then return false end
  local name = metaname(v)
  return name == "quire.Node" or name == "quire.Document"
end

--- Whether V is a non-empty list of records and nothing else.
function pretty.is_record_list(v)
  if type(v) ~= "table" or getmetatable(v) ~= nil or rawget(v, 1) == nil then return false end
  local n = #v
  for k, x in pairs(v) do
    if math.type(k) ~= "integer" or k < 1 or k > n or not pretty.is_record(x) then return false end
  end
  return true
end

local escapes = {["\n"] = "\\n", ["\t"] = "\\t", ["\r"] = "\\r", ['"'] = '\\"', ["\\"] = "\\\\"}

--- S quoted as a Lua string, cut to COLS columns (the quotes included).
function pretty.quote(s, cols)
  local body = s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\%d", c:byte())
  end)
  if cols and pretty.width(body) + 2 > cols then
    return '"' .. pretty.truncate(body, math.max(cols - 2, 2)) .. '"'
  end
  return '"' .. body .. '"'
end

local function short_function(f)
  local info = debug.getinfo(f, "S")
  if info.what == "C" then return "builtin function" end
  return string.format("function %s:%d", info.short_src, info.linedefined)
end

-- A value as one short piece, with no nesting.
local function scalar(v, cols)
  local t = type(v)
  if t == "string" then return pretty.quote(v, cols) end
  if t == "number" then
    if math.type(v) == "float" and v == math.floor(v) and v == v and math.abs(v) < 1e15 then
      return string.format("%.1f", v)
    end
    return tostring(v)
  end
  if t == "function" then return short_function(v) end
  if pretty.is_record(v) then
    return pretty.truncate(string.format("<record %s %s>", v.date and v.date:sub(1, 10) or "-",
      v.title or v.path or "?"), cols or 60)
  end
  local ok, s = pcall(tostring, v)
  return ok and s or "<" .. t .. ">"
end

local function is_ident(k)
  return type(k) == "string" and k:match("^[%a_][%w_]*$") ~= nil
end

local key_order = {number = 1, string = 2, boolean = 3}
local function sort_keys(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then return (key_order[ta] or 9) < (key_order[tb] or 9) end
  if ta == "number" or ta == "string" then return a < b end
  return tostring(a) < tostring(b)
end

local function table_parts(t, opts, depth, seen, indent)
  local parts, n = {}, 0
  local shown, total = 0, 0
  local len = 0
  while rawget(t, len + 1) ~= nil do len = len + 1 end
  local keys = {}
  for k in next, t do
    if not (math.type(k) == "integer" and k >= 1 and k <= len) then keys[#keys + 1] = k end
  end
  table.sort(keys, sort_keys)
  total = len + #keys
  local format_value
  format_value = function(v)
    return pretty.format_inner(v, opts, depth + 1, seen, indent + 2)
  end
  for i = 1, len do
    if shown >= opts.items then break end
    n = n + 1; shown = shown + 1
    parts[n] = format_value(rawget(t, i))
  end
  for _, k in ipairs(keys) do
    if shown >= opts.items then break end
    local name = is_ident(k) and k or "[" .. scalar(k, 40) .. "]"
    n = n + 1; shown = shown + 1
    parts[n] = name .. " = " .. format_value(rawget(t, k))
  end
  if total > shown then parts[n + 1] = string.format("… (%d more)", total - shown) end
  return parts
end

-- V formatted at nesting DEPTH; INDENT is the column it starts at.
function pretty.format_inner(v, opts, depth, seen, indent)
  if type(v) ~= "table" or pretty.is_record(v) then
    return scalar(v, math.max(opts.width - indent, 20))
  end
  local mt = getmetatable(v)
  if mt and type(mt) == "table" and rawget(mt, "__tostring") then return scalar(v) end
  if seen[v] then return "<cycle>" end
  if next(v) == nil then return "{}" end
  if depth >= opts.depth then return "{…}" end
  seen[v] = true
  local parts = table_parts(v, opts, depth, seen, indent)
  seen[v] = nil
  local one = "{" .. table.concat(parts, ", ") .. "}"
  if not one:find("\n", 1, true) and indent + pretty.width(one) <= opts.width then return one end
  -- one item a line, except that short one-line items share lines
  local pad = string.rep(" ", indent + 2)
  local lines, cur = {}, nil
  for i, part in ipairs(parts) do
    local piece = part .. (i < #parts and "," or "")
    local short = not part:find("\n", 1, true) and pretty.width(part) <= 24
    if cur and short and pretty.width(cur) + 1 + pretty.width(piece) <= opts.width - indent - 2 then
      cur = cur .. " " .. piece
    else
      if cur then lines[#lines + 1] = cur end
      cur = piece
      if not short then lines[#lines + 1] = cur; cur = nil end
    end
  end
  if cur then lines[#lines + 1] = cur end
  return "{\n" .. pad .. table.concat(lines, "\n" .. pad) .. "\n" .. string.rep(" ", indent) .. "}"
end

local function thousands(n)
  local s = tostring(n)
  return (s:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", ""))
end

local known_fields = {path = true, meta = true, title = true, date = true, time = true,
  categories = true, source = true, author = true, tags = true, body = true,
  error = true, warnings = true}

--- A record as a card: title, date, source, path and counts, one screen.
function pretty.card(rec, opts)
  opts = setmetatable(opts or {}, {__index = pretty.defaults})
  local w = opts.width
  local lines = {pretty.truncate("» " .. (rec.title or "(no title)"), w)}
  local function field(name, value)
    if value == nil or value == "" then return end
    lines[#lines + 1] = pretty.truncate(string.format("  %-8s %s", name, value), w)
  end
  field("date", rec.date)
  local who = rec.source
  if rec.author and rec.author ~= rec.source then who = (who or "-") .. "  (author " .. rec.author .. ")" end
  field("source", who)
  field("path", rec.path)
  if type(rec.categories) == "table" and #rec.categories > 0 then
    field("cats", table.concat(rec.categories, " · "))
  end
  if type(rec.tags) == "table" and #rec.tags > 0 then field("tags", table.concat(rec.tags, " · ")) end
  local body = type(rec.body) == "string" and rec.body or nil
  local counts = {}
  if body then
    local _, paragraphs = body:gsub("<[pP][%s>]", "")
    counts[#counts + 1] = string.format("%s bytes, %s chars, %d paragraphs of body",
      thousands(#body), thousands(utf8.len(body) or #body), paragraphs)
  else
    counts[#counts + 1] = "no body"
  end
  local nmeta = 0
  for _ in pairs(type(rec.meta) == "table" and rec.meta or {}) do nmeta = nmeta + 1 end
  counts[#counts + 1] = string.format("%d meta fields", nmeta)
  field("counts", table.concat(counts, "; "))
  field("error", rec.error)
  if type(rec.warnings) == "table" then field("warning", table.concat(rec.warnings, "; ")) end
  local extra = {}
  for k in pairs(rec) do
    if not known_fields[k] then extra[#extra + 1] = tostring(k) end
  end
  table.sort(extra)
  if #extra > 0 then field("also", table.concat(extra, ", ")) end
  return table.concat(lines, "\n")
end

--- A list of records as an aligned table: number, date, source, title.
function pretty.record_table(list, opts)
  opts = setmetatable(opts or {}, {__index = pretty.defaults})
  local rows = math.min(#list, opts.items)
  local num_w = #tostring(rows)
  local src_w = 6
  for i = 1, rows do
    src_w = math.max(src_w, math.min(pretty.width(list[i].source or "-"), 14))
  end
  local lines = {}
  local head = string.rep(" ", num_w) .. "  " .. pretty.pad("date", 16) .. "  " ..
    pretty.pad("source", src_w) .. "  title"
  lines[1] = head
  for i = 1, rows do
    local r = list[i]
    local date = r.date and r.date:sub(1, 16):gsub("T", " ") or "-"
    local source = pretty.truncate(r.source or "-", src_w)
    local title = r.error and ("! " .. r.error) or (r.title or r.path or "?")
    local line = string.format("%" .. num_w .. "d  %s  %s  ", i, pretty.pad(date, 16), pretty.pad(source, src_w))
    lines[#lines + 1] = line .. pretty.truncate(title, math.max(opts.width - pretty.width(line), 10))
  end
  if #list > rows then lines[#lines + 1] = string.format("… %d more records", #list - rows) end
  return table.concat(lines, "\n")
end

local function children_of(node)
  local ok, kids = pcall(function() return node:children() end)
  if not ok or type(kids) ~= "table" then return {} end
  return kids
end

--- A DOM node and its descendants as an indented outline, to opts.depth
-- levels with opts.items children each.
function pretty.outline(node, opts)
  opts = setmetatable(opts or {}, {__index = pretty.defaults})
  local lines = {}
  local function walk(n, level)
    local ok, s = pcall(tostring, n)
    local text = (ok and s or "<node>"):gsub("%s+", " ")
    lines[#lines + 1] = pretty.truncate(string.rep("  ", level) .. text, opts.width)
    if level >= opts.depth + 2 then return end
    local kids = children_of(n)
    for i, kid in ipairs(kids) do
      if i > opts.items then
        lines[#lines + 1] = string.rep("  ", level + 1) .. string.format("… %d more", #kids - opts.items)
        break
      end
      walk(kid, level + 1)
    end
  end
  walk(node, 0)
  return table.concat(lines, "\n")
end

--- V as text for the screen. opts: depth, items, width (see pretty.defaults),
-- string_width (columns for a string shown alone; default three lines' worth).
function pretty.format(v, opts)
  opts = setmetatable(opts or {}, {__index = pretty.defaults})
  if pretty.is_record(v) then return pretty.card(v, opts) end
  if pretty.is_node(v) then return pretty.outline(v, opts) end
  if pretty.is_record_list(v) then return pretty.record_table(v, opts) end
  if type(v) == "string" then return pretty.quote(v, opts.string_width or opts.width * 3) end
  return pretty.format_inner(v, opts, 0, {}, 0)
end

return pretty
