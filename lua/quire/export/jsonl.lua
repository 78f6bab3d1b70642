--- JSON Lines: one object per record, UTF-8 unescaped, fields in a fixed
-- order (path, title, date, time, source, categories, author, tags, origin,
-- editor, text, the --fields asked for, then error when there was one).
local export = require "quire.export"

local jsonl = {summary = "one JSON object per line (jq, DuckDB's read_json)", target = "file"}

function jsonl.open(target, opts)
  local state = {n = 0, fields = opts.fields or {}}
  local stream, err = export.open_stream(target)
  if not stream then return nil, err end
  state.stream, state.file = stream, stream.file
  return state
end

local function put(parts, key, value)
  if value ~= nil then parts[#parts + 1] = export.json(key) .. ":" .. export.json(value) end
end

function jsonl.write(state, row)
  local parts = {}
  for _, key in ipairs(export.fields) do put(parts, key, row[key]) end
  for _, key in ipairs(state.fields) do put(parts, key, row.extra and row.extra[key]) end
  put(parts, "error", row.error)
  state.file:write("{", table.concat(parts, ","), "}\n")
  state.n = state.n + 1
end

function jsonl.close(state)
  local ok, err = export.close_stream(state.stream)
  if not ok then return nil, err end
  return string.format("%d records", state.n)
end

return jsonl
