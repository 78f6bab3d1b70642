--- Plain text for reading: the title, a line with date, source and path,
-- then the cleaned text. One stream (records separated by a line of "─"),
-- or with -o FOLDER/ one .txt file per record.
local export = require "quire.export"
local files = require "quire.folder"

local text = {summary = "title, date and cleaned text, as one stream or (-o FOLDER/) a file per record",
              target = "file"}

local RULE = string.rep("─", 40)

local function render(row)
  local head = {}
  -- not ipairs: a record without a date still shows its source and path
  for _, k in ipairs {"date", "source", "path"} do head[#head + 1] = row[k] end
  return string.format("%s\n%s\n\n%s\n", row.title or "(untitled)", table.concat(head, " · "),
                       row.text or (row.error and ("(" .. row.error .. ")")) or "")
end

function text.open(target, opts)
  if target.path and (target.path:sub(-1) == "/" or require("quire.c.sys").kind(target.path) == "directory") then
    local folder, err = files.open(target.path, ".txt")
    if not folder then return nil, err end
    return {folder = folder, n = 0}
  end
  local stream, err = export.open_stream(target)
  if not stream then return nil, err end
  return {stream = stream, n = 0}
end

function text.write(state, row)
  if state.folder then
    assert(files.write(state.folder, row, render(row)))
  else
    if state.n > 0 then state.stream.file:write(RULE, "\n") end
    state.stream.file:write(render(row))
  end
  state.n = state.n + 1
end

function text.close(state)
  local ok, err
  if state.folder then ok, err = files.close(state.folder) else ok, err = export.close_stream(state.stream) end
  if not ok then return nil, err end
  return string.format("%d records", state.n)
end

return text
