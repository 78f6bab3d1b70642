--- quire: the Lua API for archives of crawled articles.
-- local quire = require "quire"
-- for rec in quire.open("posts/") do print(rec.date, rec.title) end

local quire = {}

quire.version = require("quire.c.sys").versions().quire
quire.record = require "quire.record"
quire.dom = require "quire.dom"
quire.ustr = require "quire.ustr"
quire.yaml = require "quire.yaml"
quire.text = require "quire.text"
quire.summary = require "quire.summary"
quire.clean = require "quire.clean"

local archive = require "quire.archive"

--- Streams the records of PATHS (a path or a list of files and folders),
-- one at a time. Called with no paths inside `quire run` or `quire -e`, it
-- opens the archives named on the command line with its filters.
-- opts: tz, source, max_bytes, where, since, until (see quire.archive.open).
function quire.open(paths, opts)
  if paths == nil then
    return archive.open(quire.args or {}, quire.cli_filters or {})
  end
  return archive.open(paths, opts)
end

--- Runs fn(rec) over the records of PATHS in opts.jobs worker processes
-- (default: the command line's -j, else 1), results in input order (see
-- lua/quire/map.lua). PATHS nil means the command line's archives and filters.
function quire.map(paths, fn, opts)
  local o = setmetatable({}, {__index = opts})
  if paths == nil then
    paths = quire.args or {}
    for k, v in pairs(quire.cli_filters or {}) do if o[k] == nil then o[k] = v end end
  end
  if o.jobs == nil then o.jobs = quire.opts.jobs or 1 end
  return require("quire.map").map(paths, fn, o)
end

--- Options given on the command line (--set key=value, typed) and the
-- common options (jobs, where, since, until, output, quiet, tz).
quire.opts = {}

--- The archive paths given on the command line.
quire.args = {}

-- Modules that take long to load (the grammars compile many LPeg patterns)
-- load on first use, so a one-liner or a command that does not use them
-- does not pay for them.
local lazy = {grammar = "quire.grammar", export = "quire.export"}
setmetatable(quire, {__index = function(t, key)
  local name = lazy[key]
  if not name then return nil end
  local mod = require(name)
  rawset(t, key, mod)
  return mod
end})

return quire
