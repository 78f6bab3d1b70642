---@meta quire
-- LuaLS (lua-language-server) annotations for quire's Lua API, so editors
-- complete and check scripts. Not loaded by quire: point your editor at
-- this folder ("workspace.library": ["/usr/local/share/quire/types"] in
-- .luarc.json, or the types/ folder of a source checkout).

---A post read from an archive (see lua/quire/record.lua).
---@class quire.Record
---@field path string the file it came from (or the JSONL line's path)
---@field meta table<string, any> the whole front matter as Lua values
---@field title string|nil
---@field date string|nil ISO 8601 UTC, e.g. "2021-08-09T04:10:12Z"
---@field time integer|nil epoch seconds
---@field categories string[]
---@field source string|nil the feed: the second category, else the author, else the first category
---@field author string|nil
---@field tags string[]
---@field body string|nil raw HTML
---@field text string|nil plain text (records read back from JSON Lines exports)
---@field error string|nil why the file could not be read whole
---@field warnings string[]|nil lesser problems
local Record = {}

---The body parsed as an HTML document, parsed once and cached.
---@return quire.Document
function Record:dom() end

---@class quire.Node
---@field tag string|nil element name, nil for text and comments
---@field type string
---@field parent quire.Node|nil
local Node = {}
---@param name string
---@return string|nil
function Node:attr(name) end
---@return table<string, string>
function Node:attrs() end
---@param kind? string
---@return quire.Node[]
function Node:children(kind) end
---@return string
function Node:text() end
---@return string
function Node:html() end
---@param css string
---@return quire.Node[]
function Node:select(css) end
---@param expr string
---@return any
function Node:xpath(expr) end
function Node:remove() end
function Node:unwrap() end
---@param fn fun(node: quire.Node): any
function Node:walk(fn) end

---@class quire.Document: quire.Node
---@field root quire.Node|nil
local Document = {}

---@class quire.OpenOptions
---@field tz? string zone of dates written without one (default "Asia/Shanghai")
---@field source? integer|string|fun(rec: quire.Record): string which category names the feed
---@field max_bytes? integer larger files become error records
---@field where? string|fun(rec: quire.Record): any keep records for which this holds
---@field since? string|integer first date kept (inclusive)
---@field until? string|integer last date kept (inclusive; a date alone is the whole day)
---@field shard? string|{k: integer, n: integer}|false "K/N": only files hashing to shard K of N

---@class quire.MapOptions: quire.OpenOptions
---@field jobs? integer worker processes
---@field each? fun(value: any, path: string) called in input order with each result
---@field sink? file* string results are written here in input order (with jobs, straight from the workers)
---@field reduce? fun(acc: any, value: any, path: string): any
---@field init? any

---@class quire.record
---@field Record table the metatable of records (__name "quire.Record")
---@field defaults {tz: string, max_bytes: integer, source: integer|string|function}
local record = {}
---@param bytes string a post's whole text
---@param path? string
---@param opts? quire.OpenOptions
---@return quire.Record
function record.parse(bytes, path, opts) end
---@param path string
---@param opts? quire.OpenOptions
---@return quire.Record
function record.read(path, opts) end
---@param rec quire.Record
---@param rule? integer|string|fun(rec: quire.Record): string
---@return string|nil
function record.source(rec, rule) end

---@class quire.yaml
---@field null userdata a null inside a list
local yaml = {}
---@param text string
---@return any value, string|nil message, integer|nil line
function yaml.load(text) end

---@class quire.ustr
local ustr = {}
---@param s string
---@return integer code points
function ustr.len(s) end
---@param s string
---@param ambiguous? integer 1 or 2
---@return integer terminal columns
function ustr.width(s, ambiguous) end
---@param s string
---@param cols integer
---@param ellipsis? string
---@return string
function ustr.truncate(s, cols, ellipsis) end
---@param s string
---@param i integer
---@param j? integer
---@return string
function ustr.sub(s, i, j) end
---@param s string
---@param form? "NFC"|"NFD"|"NFKC"|"NFKD"
---@return string
function ustr.normalize(s, form) end
---@param s string
---@return string
function ustr.fold(s) end
---@param s string
---@return string
function ustr.trim(s) end
---@param s string
---@return string[]
function ustr.sentences(s) end

---@class quire
---@field version string
---@field record quire.record
---@field yaml quire.yaml
---@field ustr quire.ustr
---@field opts table<string, any> the command line's options; --set values typed
---@field args string[] the archives named on the command line
local quire = {}

---Streams the records of PATHS (a path, a list of paths, "-" for paths or
---JSON Lines on stdin, or a .jsonl file), one at a time. With no paths,
---the command line's archives through its filters.
---@param paths? string|string[]
---@param opts? quire.OpenOptions
---@return fun(): quire.Record|nil, integer|nil
function quire.open(paths, opts) end

---Runs fn(rec) over the records in worker processes; results in input order.
---@param paths? string|string[]
---@param fn fun(rec: quire.Record): any
---@param opts? quire.MapOptions
---@return any[]
function quire.map(paths, fn, opts) end

return quire
