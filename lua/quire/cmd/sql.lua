--- quire sql: a query on a database written by `quire export --to sqlite`,
-- with quire's Chinese-aware full-text tokenizer available to MATCH.
local sqlite = require "quire.c.sqlite"
local ustr = require "quire.ustr"

local cmd = {
  summary = "run an SQL query on an exported database (full-text MATCH works)",
  usage = "quire sql DATABASE QUERY [--format table|jsonl|csv]",
  options = {
    {long = "--format", arg = "FMT", choices = {"table", "jsonl", "csv"}, default = "table",
     help = "how to print the rows"},
  },
}

function cmd.run(ctx)
  local path, query = ctx.args[1], ctx.args[2]
  if not path or not query or ctx.args[3] then
    io.stderr:write("quire: sql needs a DATABASE and one QUERY (see 'quire sql --help')\n")
    return 2
  end
  if require("quire.c.sys").kind(path) ~= "file" then
    io.stderr:write("quire: ", path, ": no such database\n")
    return 1
  end
  local db, err = sqlite.open(path)
  if not db then io.stderr:write("quire: ", err, "\n") return 1 end
  local stmt, perr = db:prepare(query)
  if not stmt then io.stderr:write("quire: ", perr, "\n") return 1 end
  local names = stmt:columns()
  local rows = {}
  local fmt = ctx.opts.format
  local export = require "quire.export"
  for row in stmt:rows() do
    if fmt == "jsonl" then
      local parts = {}
      for _, c in ipairs(names) do
        if row[c] ~= nil then parts[#parts + 1] = export.json(c) .. ":" .. export.json(row[c]) end
      end
      io.stdout:write("{", table.concat(parts, ","), "}\n")
    else
      rows[#rows + 1] = row
    end
  end
  if fmt == "csv" then
    local w = {}
    local function field(v)
      v = v == nil and "" or tostring(v)
      if v:find('[,"\r\n]') then v = '"' .. v:gsub('"', '""') .. '"' end
      return v
    end
    for i, c in ipairs(names) do w[i] = field(c) end
    io.stdout:write(table.concat(w, ","), "\r\n")
    for _, row in ipairs(rows) do
      for i, c in ipairs(names) do w[i] = field(row[c]) end
      io.stdout:write(table.concat(w, ","), "\r\n")
    end
  elseif fmt == "table" then
    -- columns as wide as their widest cell (display width, CJK counts 2), capped at 60
    local widths = {}
    local function cell(v) return ustr.truncate((tostring(v == nil and "" or v):gsub("%s+", " ")), 60) end
    for i, c in ipairs(names) do widths[i] = ustr.width(c) end
    for _, row in ipairs(rows) do
      for i, c in ipairs(names) do widths[i] = math.max(widths[i], ustr.width(cell(row[c]))) end
    end
    local function line(values)
      local out = {}
      for i, v in ipairs(values) do out[i] = ustr.pad(v, widths[i]) end
      io.stdout:write((table.concat(out, "  "):gsub("%s+$", "")), "\n")
    end
    line(names)
    local rule = {}
    for i, w in ipairs(widths) do rule[i] = string.rep("-", w) end
    line(rule)
    for _, row in ipairs(rows) do
      local values = {}
      for i, c in ipairs(names) do values[i] = cell(row[c]) end
      line(values)
    end
    io.stderr:write(string.format("(%d rows)\n", #rows))
  end
  db:close()
  return 0
end

return cmd
