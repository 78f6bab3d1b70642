--- quire dedup: groups of posts whose cleaned text is nearly the same.
local quire = require "quire"
local dedup = require "quire.dedup"
local json = require("quire.export").json

local cmd = {
  summary = "groups of near-duplicate posts (MinHash over character shingles, LSH)",
  usage = "quire dedup ARCHIVE... [--threshold S] [--keep first|longest] [--format text|jsonl]",
  help = [[Posts whose cleaned text is nearly the same (a copy with a changed title,
a paragraph removed, another footer) come out as groups, each member with
its estimated Jaccard similarity to the group's first post over shingles of
5 letters or digits. Candidate pairs come from LSH banding, so the time
grows with the number of posts, not its square.

--keep lists, one path a line in input order, the posts a de-duplicated
export would keep: every post outside a group, and from each group the
first one or the longest one.

  quire dedup posts/
  quire dedup posts/ -j 4 --keep longest > keep.txt]],
  options = {
    {long = "--threshold", arg = "S", help = "least similarity of a match, 0..1 (default 0.5)"},
    {long = "--keep", arg = "WHICH", choices = {"first", "longest"}, help = "list the posts a de-duplicated export keeps"},
    {long = "--format", arg = "FORMAT", choices = {"text", "jsonl"}, default = "text", help = "output format"},
  },
}

local function fail(msg, status)
  io.stderr:write("quire: ", msg, "\n")
  return status or 1
end

function cmd.run(ctx)
  local opts = ctx.opts
  if #ctx.args == 0 then return fail("dedup needs an ARCHIVE (see 'quire dedup --help')", 2) end
  local threshold = dedup.defaults.threshold
  if opts.threshold then
    threshold = tonumber(opts.threshold)
    if not threshold or threshold < 0 or threshold > 1 then
      return fail("option '--threshold' needs a number from 0 to 1, got '" .. opts.threshold .. "'", 2)
    end
  end
  local output, out = nil, io.stdout
  if opts.output then
    local err
    output, err = require("quire.cmd.summarize").open_output(opts.output)
    if not output then return fail(err) end
    out = output.file
  end

  local mopts = {jobs = opts.jobs, threshold = threshold}
  for k, v in pairs(quire.cli_filters or {}) do mopts[k] = v end
  local ok, groups, items = pcall(dedup.run, ctx.args, mopts)
  if not ok then
    if output then output:abort() end
    error(groups, 0)
  end

  local dups = 0
  if opts.keep then
    local drop = {}
    for _, g in ipairs(groups) do
      local keep = dedup.keep(g, items, opts.keep)
      for _, m in ipairs(g) do
        if m.index ~= keep then drop[m.index] = true; dups = dups + 1 end
      end
    end
    for i, it in ipairs(items) do
      if not drop[i] then
        if opts.format == "jsonl" then out:write('{"path":', json(it.path), "}\n")
        else out:write(it.path, "\n") end
      end
    end
  else
    for n, g in ipairs(groups) do
      dups = dups + #g - 1
      if opts.format == "jsonl" then
        local parts = {}
        for i, m in ipairs(g) do
          parts[i] = string.format('{"path":%s,"similarity":%.2f,"length":%d}',
            json(items[m.index].path), m.similarity, items[m.index].length)
        end
        out:write('{"group":', n, ',"posts":[', table.concat(parts, ","), "]}\n")
      else
        out:write(string.format("group %d: %d posts\n", n, #g))
        for _, m in ipairs(g) do
          out:write(string.format("  %.2f  %s\n", m.similarity, items[m.index].path))
        end
        out:write("\n")
      end
    end
  end
  if output then
    local cok, cerr = output:commit()
    if not cok then return fail(cerr) end
  end
  if not opts.quiet then
    io.stderr:write(string.format("%d posts, %d groups, %d near-duplicates\n", #items, #groups, dups))
  end
  return 0
end

return cmd
