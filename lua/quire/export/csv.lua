--- CSV (RFC 4180): a header row, then one row per record; fields with a
-- comma, quote or line break are quoted, quotes doubled; lists joined with
-- ";"; CRLF line ends as the RFC says. opts.bom starts the file with a
-- UTF-8 byte order mark so spreadsheets read it as UTF-8.
local export = require "quire.export"

local csv = {summary = "comma-separated values for spreadsheets (--bom for Excel)", target = "file"}

local function field(v)
  if v == nil then return "" end
  if type(v) == "table" then
    local parts = {}
    for i, x in ipairs(v) do parts[i] = tostring(x) end
    v = table.concat(parts, ";")
  end
  v = tostring(v)
  if v:find('[,"\r\n]') then v = '"' .. v:gsub('"', '""') .. '"' end
  return v
end

local function line(state, values)
  local out = {}
  for i, v in ipairs(values) do out[i] = field(v) end
  state.file:write(table.concat(out, ","), "\r\n")
end

function csv.open(target, opts)
  local state = {n = 0, extra = opts.fields or {}}
  local stream, err = export.open_stream(target)
  if not stream then return nil, err end
  state.stream, state.file = stream, stream.file
  if opts.bom then state.file:write("\239\187\191") end
  local header = {}
  for _, k in ipairs(export.fields) do header[#header + 1] = k end
  for _, k in ipairs(state.extra) do header[#header + 1] = k end
  header[#header + 1] = "error"
  state.columns = header
  line(state, header)
  return state
end

function csv.write(state, row)
  local values = {}
  for i, k in ipairs(state.columns) do
    local v = row[k]
    if v == nil and row.extra then v = row.extra[k] end
    values[i] = v == nil and "" or v
  end
  line(state, values)
  state.n = state.n + 1
end

function csv.close(state)
  local ok, err = export.close_stream(state.stream)
  if not ok then return nil, err end
  return string.format("%d records", state.n)
end

return csv
