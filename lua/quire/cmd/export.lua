--- quire export: records out to JSON Lines, CSV, Markdown, text or SQLite.
local quire = require "quire"
local export = require "quire.export"
local archive = require "quire.archive"

local cmd = {
  summary = "export records as jsonl, csv, markdown, text or a SQLite database",
  usage = "quire export ARCHIVE... --to jsonl|csv|markdown|text|sqlite [-o OUT] [--fields a,b] [--raw]",
  help = [[Every record that goes in comes out (with an "error" field when its file could
not be read whole) and the last line on stderr says "exported N records, E errors".
Files are written under a temporary name and renamed when complete; a SQLite
database is updated in place, one transaction per batch, changed posts only.
Formats are Lua files (lua/quire/export/NAME.lua): eject one to make your own.

  quire export posts/ --to jsonl > posts.jsonl
  quire export posts/ --to csv --bom -o posts.csv
  quire export posts/ --to markdown -o site/
  quire export posts/ --to sqlite -o posts.db]],
  options = {
    {long = "--to", arg = "FORMAT", help = "jsonl, csv, markdown, text, sqlite, or a format of your own"},
    {long = "--fields", arg = "A,B", help = "more fields to carry, from the record or its front matter"},
    {long = "--raw", help = "the body's whole text instead of the cleaned article"},
    {long = "--clean", help = "the cleaned article (the default)"},
    {long = "--bom", help = "csv: start with a UTF-8 byte order mark, for spreadsheets"},
  },
}

function cmd.run(ctx)
  local opts = ctx.opts
  if not opts.to then
    io.stderr:write("quire: export needs --to FORMAT (see 'quire export --help')\n")
    return 2
  end
  local fmt, err = export.format(opts.to)
  if not fmt then
    io.stderr:write("quire: ", err, "\n")
    return 2
  end
  if #ctx.args == 0 then
    io.stderr:write("quire: export needs an ARCHIVE (see 'quire export --help')\n")
    return 2
  end
  if fmt.target ~= "file" and not opts.output then
    io.stderr:write(string.format("quire: --to %s writes %s: give -o OUT\n", opts.to,
      fmt.target == "folder" and "a folder" or "a file"))
    return 2
  end
  local fields
  if opts.fields then
    fields = {}
    for f in opts.fields:gmatch("[^,%s]+") do fields[#fields + 1] = f end
  end
  local format_opts = {fields = fields, bom = opts.bom}
  local state, oerr = fmt.open(opts.output and {path = opts.output} or {file = io.stdout}, format_opts)
  if not state then
    io.stderr:write("quire: ", oerr, "\n")
    return 1
  end
  local row_opts = {raw = opts.raw and not opts.clean, needs = fmt.needs, fields = fields,
                    roots = ctx.args}
  local n = 0
  -- nil: the command line's archives with its --where, --since and --until
  local ok, werr = pcall(quire.map, nil, function(rec) return export.row(rec, row_opts) end, {
    jobs = opts.jobs, hash = true,
    each = function(row)
      fmt.write(state, row)
      n = n + 1
    end,
  })
  if not ok then
    -- leave the previous output in place: stream formats drop their temporary file
    if state.stream and state.stream.out then state.stream.out:abort() end
    if state.folder then state.folder.index:abort() end
    error(werr, 0)
  end
  local summary, cerr = fmt.close(state)
  if not summary then
    io.stderr:write("quire: ", cerr, "\n")
    return 1
  end
  local errors = archive.counts.errors
  local left_out = archive.counts.filtered
  if left_out > 0 then
    io.stderr:write(string.format("%d records left out by --where, --since or --until\n", left_out))
  end
  -- the example queries come first, so that the count stays the last line
  if fmt.examples and not opts.quiet then io.stderr:write(fmt.examples(opts.output), "\n") end
  io.stderr:write(string.format("exported %d records, %d errors (%s)\n", n, errors, summary))
  return 0
end

return cmd
