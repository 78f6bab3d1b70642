--- quire summarize: keywords and a few key sentences for every post.
local quire = require "quire"
local summary = require "quire.summary"
local text = require "quire.text"
local archive = require "quire.archive"
local atomic = require "quire.atomic"
local json = require("quire.export").json

local cmd = {
  summary = "keywords (TF-IDF or TextRank) and an extractive summary of each post",
  usage = "quire summarize ARCHIVE... [--sentences N] [--keywords K] [--format text|jsonl]",
  help = [[Keywords are ranked by TF-IDF with document frequencies counted over the
archives given (a first pass; --idf FILE reads a table saved with --save-idf
instead), or by TextRank; stop words, punctuation and numbers never count.
The summary is the N sentences that score best by TextRank over sentence
similarity, position and keyword coverage, whole and in their original order.
Records come out in input order whatever -j is.

--learn-terms finds words the dictionary lacks (names, new terms) in the
archives by how often their characters occur together (PMI) and how freely
they combine at both edges (neighbour entropy), prints them with their
scores and adds them to the terms file (--terms FILE, else
~/.config/quire/terms.txt), which segmentation reads from then on.

  quire summarize posts/ --sentences 2 --keywords 5
  quire summarize posts/ -j 4 --format jsonl -o summaries.jsonl
  quire summarize posts/ --learn-terms --terms terms.txt]],
  options = {
    {long = "--sentences", arg = "N", type = "integer", default = 3, help = "sentences in each summary"},
    {long = "--keywords", arg = "K", type = "integer", default = 5, help = "keywords for each post"},
    {long = "--format", arg = "FORMAT", choices = {"text", "jsonl"}, default = "text", help = "output format"},
    {long = "--method", arg = "METHOD", choices = {"tfidf", "textrank"}, default = "tfidf", help = "keyword ranking"},
    {long = "--idf", arg = "FILE", help = "document frequencies from FILE instead of a first pass"},
    {long = "--save-idf", arg = "FILE", help = "write the document frequencies counted to FILE"},
    {long = "--terms", arg = "FILE", help = "a terms file (one word a line) for segmentation"},
    {long = "--learn-terms", help = "discover new terms in the archives, print and save them"},
    {long = "--min-count", arg = "N", type = "integer", help = "--learn-terms: least occurrences of a term (default: by archive size)"},
  },
}

-- Output to PATH: atomically (lua/quire/atomic.lua) for a file, directly
-- for a device or pipe such as /dev/null (renaming over it would replace it).
local function open_output(path)
  if require("quire.c.sys").kind(path) == "other" then
    local f, err = io.open(path, "w")
    if not f then return nil, err end
    return {file = f, commit = function() return f:close() end, abort = function() f:close() end}
  end
  return atomic.open(path)
end
cmd.open_output = open_output

local function fail(msg, status)
  io.stderr:write("quire: ", msg, "\n")
  return status or 1
end

-- The common filters, for quire.map over ctx.args.
local function map_opts(ctx, extra)
  local o = {jobs = ctx.opts.jobs}
  for k, v in pairs(quire.cli_filters or {}) do o[k] = v end
  for k, v in pairs(extra or {}) do o[k] = v end
  return o
end

-- A first pass over the archives that must not report or count their
-- errors a second time: runs FN with error reporting off.
local function quietly(fn)
  local saved_counts = {}
  for k, v in pairs(archive.counts) do saved_counts[k] = v end
  local saved_on_error = archive.on_error
  archive.on_error = nil
  local ok, a, b = pcall(fn)
  archive.on_error = saved_on_error
  for k, v in pairs(saved_counts) do archive.counts[k] = v end
  if not ok then error(a, 0) end
  return a, b
end

local function learn(ctx, out)
  local terms = require "quire.terms"
  local path = ctx.opts.terms or text.user_terms_file()
  if not path then
    return fail("--learn-terms needs --terms FILE under -E (no user config folder)", 2)
  end
  local found = quietly(function()
    return terms.learn(ctx.args, map_opts(ctx, {min_count = ctx.opts.min_count}))
  end)
  out:write(terms.report(found))
  local added, err = terms.save(found, path)
  if not added then return fail(err) end
  io.stderr:write(string.format("%d terms found, %d new in %s\n", #found, added, path))
  return 0
end

function cmd.run(ctx)
  local opts = ctx.opts
  if #ctx.args == 0 then
    return fail("summarize needs an ARCHIVE (see 'quire summarize --help')", 2)
  end
  if opts.terms and not opts.learn_terms then
    local n, err = text.load_terms(opts.terms)
    if not n then return fail(err) end
  end
  text.segmenter()  -- load once here: forked workers share it

  local output, out = nil, io.stdout
  if opts.output then
    local err
    output, err = open_output(opts.output)
    if not output then return fail(err) end
    out = output.file
  end
  local function finish(status)
    if output then
      if status == 0 then
        local ok, err = output:commit()
        if not ok then return fail(err) end
      else
        output:abort()
      end
    end
    return status
  end

  if opts.learn_terms then return finish(learn(ctx, out)) end

  local idf
  if opts.idf then
    local err
    idf, err = summary.idf_load(opts.idf)
    if not idf then return finish(fail(err)) end
  else
    idf = quietly(function()
      return summary.idf_build(ctx.args, map_opts(ctx))
    end)
  end
  if opts.save_idf then
    local ok, err = summary.idf_save(idf, opts.save_idf)
    if not ok then return finish(fail(err)) end
  end

  local k, n = opts.keywords, opts.sentences
  local kopts = {idf = idf, method = opts.method}
  local sopts = {idf = idf}
  local function one(rec)
    local doc = summary.prepare(rec)  -- segmented once for both
    local words = summary.keywords(doc, k, kopts)
    return {path = rec.path, title = rec.title, keywords = words,
            summary = summary.sentences(doc, n, sopts)}
  end
  local jsonl = opts.format == "jsonl"
  local count = 0
  local ok, err = pcall(quire.map, ctx.args, one, map_opts(ctx, {
    each = function(r)
      count = count + 1
      if jsonl then
        out:write('{"path":', json(r.path), r.title and ',"title":' .. json(r.title) or "",
          ',"keywords":', json(r.keywords), ',"summary":', json(r.summary), "}\n")
      else
        out:write(r.path, "\n")
        if r.title then out:write("  ", r.title, "\n") end
        out:write("  keywords: ", table.concat(r.keywords, ", "), "\n")
        for i, s in ipairs(r.summary) do out:write("  ", i, ". ", s, "\n") end
        out:write("\n")
      end
    end,
  }))
  if not ok then
    finish(1)
    error(err, 0)
  end
  if not opts.quiet and opts.output then
    io.stderr:write(string.format("summarized %d records into %s\n", count, opts.output))
  end
  return finish(0)
end

return cmd
