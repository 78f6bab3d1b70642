--- quire report: one self-contained HTML page with charts about an archive.
local quire = require "quire"
local report = require "quire.report"

local cmd = {
  summary = "one self-contained HTML page with charts: months, lengths, sources, facts, errors",
  usage = "quire report ARCHIVE... -o report.html [--raw] [-j N]",
  help = [[Writes one HTML file: posts per month stacked by source (the 8 largest sources
and "other"), a histogram of text lengths, the top sources, origins (来源) and
editors (责任编辑), a table per source (posts, share, median and p90 length,
CJK share, errors), the facts the grammars read most often (新增, 累计, 同比
…) and a table of the records with errors (the first 500; all are counted).

The page needs nothing else: style is inline CSS, charts are inline SVG, and
there are no scripts, web fonts, images or links to fetch, so it opens the
same offline, in a mail attachment or from a USB stick. Chinese text uses the
system's CJK fonts. The file is written under a temporary name and renamed
when complete. Lengths are of the cleaned article (--raw: the body's whole
text), counted as in 'quire stats'.

  quire report posts/ -o report.html
  quire report posts/ --since 2022-01-01 -o 2022.html -j 2]],
  options = {
    {long = "--raw", help = "measure the body's whole text, not the cleaned article"},
    {long = "--title", arg = "TEXT", help = "the page's heading (default: the archive paths)"},
  },
}

function cmd.run(ctx)
  local opts = ctx.opts
  if #ctx.args == 0 then
    io.stderr:write("quire: report needs an ARCHIVE (see 'quire report --help')\n")
    return 2
  end
  if not opts.output then
    io.stderr:write("quire: report writes an HTML file: give -o report.html\n")
    return 2
  end
  local ropts = {raw = opts.raw}
  -- nil paths: the command line's archives through --where/--since/--until
  local model = quire.map(nil, function(rec) return report.summarize(rec, ropts) end,
    {jobs = opts.jobs, reduce = report.add, init = report.new()})
  local html = report.html(model, {title = opts.title or table.concat(ctx.args, " "), raw = opts.raw})
  local out, err = require("quire.atomic").open(opts.output)
  if not out then io.stderr:write("quire: ", err, "\n"); return 1 end
  out.file:write(html)
  local ok, cerr = out:commit()
  if not ok then io.stderr:write("quire: ", cerr, "\n"); return 1 end
  if not opts.quiet then
    io.stderr:write(string.format("wrote %s: %d posts, %d errors\n", opts.output,
      model.stats.total.posts, model.nerrors))
  end
  return 0
end

return cmd
