---@meta quire
-- LuaLS (lua-language-server) annotations for quire's Lua API, so editors
-- complete and check scripts. quire never loads this file. Point your editor
-- at its folder: "workspace.library": ["/usr/local/share/quire/types"] in
-- .luarc.json (or the types/ folder of a source checkout).
--
-- Conventions (tests/lua/docs_test.lua checks them against the running
-- binary, both ways: nothing reachable is left out, nothing here is stale):
--   * Every function is declared with a `function` statement that names it
--     the way a script reaches it:
--       function quire.ustr.len(...)   a field of the `quire` global (which
--                                      is also what require "quire" returns)
--       function Record:text(...)      a method of an object; the tables
--                                      Record, Node, Document, Wrapped,
--                                      Segmenter and Writer stand for the
--                                      method tables of those objects
--       function mod.f(...)            a module that the quire table does
--                                      not hold (none at present); its table
--                                      is declared as
--                                      `local NAME = {} -- require "MODULE"`
--   * ---@field lines describe values, never API functions (a `fun()` field
--     is a callback a caller passes in, as in quire.MapOptions).
--   * Left out on purpose: names starting with "_" (private), the raw C
--     modules (quire.c.*), and the modules that only quire's commands use
--     (quire.archive, quire.cli, quire.main, quire.repl, quire.stats, ...).

---@alias quire.Pattern userdata an LPeg pattern (use it with lpeg.match or quire.grammar.find_all)

---The Lua API: the `quire` global in scripts, one-liners and the REPL, and
---what require "quire" returns.
---@class quire
---@field version string quire's version
---@field opts table<string, any> the command line's options (jobs, where, since, until, output, quiet, tz, ...) and the --set values, typed
---@field args string[] the archive paths given on the command line
---@field cli_filters {where: string|nil, since: string|nil, until: string|nil}|nil the command line's filters, which quire.open() and quire.map(nil, ...) apply
quire = {}

---------------------------------------------------------------- records

---A post read from an archive (lua/quire/record.lua). Cleaning (rec:clean,
---rec:text, ...) adds the fields it lifts from the body: origin, editor and
---the like, images and links.
---@class quire.Record
---@field path string the file it came from (for JSON Lines: the line's path field, else FILE:LINE)
---@field meta table<string, any> the whole front matter as Lua values (a null inside a list is quire.yaml.null)
---@field title string|nil
---@field author string|nil
---@field categories string[] nested lists flattened; empty when there are none
---@field tags string[] nested lists flattened; empty when there are none
---@field source string|nil the feed: the second category, else the author, else the first category (see quire.record.source)
---@field date string|nil ISO 8601 in UTC, e.g. "2021-08-09T04:10:12Z"
---@field time integer|nil seconds since the epoch
---@field body string|nil the raw HTML body (nil when the file could not be read whole)
---@field error string|nil why the file could not be read whole; the record still carries what was read
---@field warnings string[]|nil lesser problems: an unreadable date, duplicate keys, a GBK file decoded
---@field hash string|nil a fingerprint of the file's bytes, when read with opts.hash
---@field origin string|nil after cleaning: the 来源 (origin) line's text
---@field editor string|nil after cleaning: the 责任编辑 (editor) line's text
---@field byline string|nil after cleaning: an author line found in the body
---@field original_title string|nil after cleaning: a 原标题 line's text
---@field origin_url string|nil after cleaning: a 原文链接 line's address
---@field images {src: string, alt: string|nil, caption: string|nil}[]|nil after cleaning: the article's images
---@field links {href: string, text: string}[]|nil after cleaning: the article's links
---@field cleaned boolean|nil true for a record read back from JSON Lines that carries its cleaned article (text, blocks) instead of a body
local Record = {} -- methods of a record (quire.record.Record)

---The body parsed as an HTML document, parsed once and cached.
---@return quire.Document
function Record:dom() end

---Cleans the record once per set of options and caches the result; sets rec.origin, rec.editor, rec.images and rec.links.
---@param opts? quire.CleanOptions
---@return quire.Block[] blocks
---@return quire.CleanReport report
function Record:clean(opts) end

---Cleans the record as rec:clean does, but hands the blocks as the walk made them to with(raw, report, doc); caches nothing.
---@param opts quire.CleanOptions|nil
---@param with fun(raw: table[], report: quire.CleanReport, doc: quire.Document|nil): any
---@return any result what `with` returned
function Record:clean_with(opts, with) end

---The cleaned text: the blocks' text joined by blank lines.
---@return string
function Record:text() end

---The cleaned blocks.
---@return quire.Block[]
function Record:blocks() end

---The cleaned article as Markdown.
---@return string
function Record:markdown() end

---@class quire.OpenOptions
---@field tz? string zone of dates written without one (default "Asia/Shanghai")
---@field source? integer|string|fun(rec: quire.Record): string|nil which category names the feed: an index, a meta field name, or a function
---@field max_bytes? integer files larger than this become error records (default 16 MiB)
---@field hash? boolean set rec.hash, a fingerprint of the file's bytes
---@field where? string|fun(rec: quire.Record): any keep the records for which this is true (a Lua expression over the record's fields, or a function)
---@field since? string|integer first date kept (inclusive): any date form records use, or epoch seconds
---@field until? string|integer last date kept (inclusive; a date alone means the whole day)
---@field shard? string|{k: integer, n: integer}|false "K/N": only the files hashing to shard K of N; false reads every file (default: --shard)

---Options of quire.map: those of quire.open, and how results come back.
---Results always come back in input order.
---@class quire.MapOptions: quire.OpenOptions
---@field jobs? integer worker processes (default: the command line's -j, else 1)
---@field each? fun(value: any, path: string) called in input order with each result; map then returns nothing
---@field reduce? fun(acc: any, value: any, path: string): any folds each result into the accumulator; map returns it
---@field init? any the accumulator's first value, with reduce
---@field sink? file* string results are written to this file in input order (with jobs, straight from the workers)
---@field ordered? boolean accepted for clarity; results come in input order whatever it says

---@class quire.record
---@field Record table the metatable (and method table) of records; __name is "quire.Record"
---@field defaults {tz: string, max_bytes: integer, source: integer|string|function} defaults for parse, read and open; the command line sets them
quire.record = {}

---@class quire.yaml
---@field null lightuserdata the value of a null inside a YAML list (the same as cjson.null)
quire.yaml = {}

---------------------------------------------------------------- DOM

---An HTML node (lua/quire/dom.lua, libxml2 underneath). Nodes keep their
---document alive; after doc:close() they raise "document is closed".
---`==` compares identity.
---@class quire.Node
---@field tag string|nil element name in lower case; nil unless an element
---@field type "element"|"text"|"comment"|"document"|"doctype"|"cdata"|"pi"|"other"
---@field parent quire.Node|nil
local Node = {} -- methods of a DOM node

---The value of attribute NAME, or nil.
---@param name string
---@return string|nil
function Node:attr(name) end

---Every attribute as a table name -> value.
---@return table<string, string>
function Node:attrs() end

---The value of each named attribute, nil where there is none (attrs without building a table).
---@param ... string attribute names
---@return string|nil ...
function Node:attr_values(...) end

---Sets an attribute, or removes it when VALUE is nil.
---@param name string
---@param value string|nil
function Node:set_attr(name, value) end

---Child nodes as an array that is also an iterator (`for c in node:children() do`); kind "element" keeps only elements.
---@param kind? "element"
---@return quire.Node[] children also callable as an iterator
function Node:children(kind) end

---The first child, or nil; kind "element" skips text and comments.
---@param kind? "element"
---@return quire.Node|nil
function Node:first(kind) end

---The next sibling, or nil; kind "element" skips text and comments.
---@param kind? "element"
---@return quire.Node|nil
function Node:next(kind) end

---The previous sibling, or nil; kind "element" skips text and comments.
---@param kind? "element"
---@return quire.Node|nil
function Node:prev(kind) end

---The visible text, blocks on lines of their own; with {raw = true} libxml2's plain concatenation.
---@param opts? {raw: boolean}
---@return string
function Node:text(opts) end

---The node's outer HTML (for a document: the whole of it).
---@return string
function Node:html() end

---The HTML of the node's children.
---@return string
function Node:inner_html() end

---The node as Markdown.
---@return string
function Node:markdown() end

---Elements below the node matching CSS selector SEL, in document order.
---@param sel string
---@return quire.Node[]
function Node:select(sel) end

---The first element below the node matching SEL, or nil.
---@param sel string
---@return quire.Node|nil
function Node:select1(sel) end

---Whether the node itself matches SEL.
---@param sel string
---@return boolean
function Node:matches(sel) end

---Evaluates XPath EXPR with the node as context: an array of nodes (attribute values as strings), or a string, number or boolean.
---@param expr string
---@return quire.Node[]|string[]|string|number|boolean
function Node:xpath(expr) end

---Depth-first walk calling fn(node) on the node and every node below; fn returns false to skip a subtree or "remove" to drop the node.
---@param fn fun(node: quire.Node): false|"remove"|nil
function Node:walk(fn) end

---Unlinks the node; it stays valid and may be inserted again.
function Node:remove() end

---Replaces the node by its children.
function Node:unwrap() end

---Replaces the node by HTML or another node (moved); returns the first replacing node.
---@param html_or_node string|quire.Node
---@return quire.Node|nil
function Node:replace(html_or_node) end

---Appends HTML or a node (moved) as the last children; returns the first node appended.
---@param html_or_node string|quire.Node
---@return quire.Node|nil
function Node:append(html_or_node) end

---Replaces the node's children by one text node.
---@param s string
function Node:set_text(s) end

---For the cleaner: over each <a> at or below the node, the bytes of link text, the http(s) links, and the images below.
---@return integer bytes
---@return {href: string, text: string}[] links
---@return quire.Node[] images
function Node:link_stats() end

---For the cleaner: the element and text children in order, each child's tag (false for text) and flags (1: has attributes, 2: has a child whose tag is in SET).
---@param set table<string, boolean>
---@return quire.Node[] nodes
---@return (string|false)[] tags
---@return integer[] flags
function Node:scan(set) end

---For the cleaner: the block walk in C (see the clean_blocks section of src/lua_dom.c); not meant for scripts.
---@param cfg table
---@param st table
---@param sh integer
function Node:clean_blocks(cfg, st, sh) end

---For the cleaner: every class name on the node or an element below it, as a set; with NAMES, only those of them.
---@param names? string[]
---@return table<string, true>
function Node:classes(names) end

---For the cleaner: the values of attribute NAME on the node and every element below it, joined by NUL bytes.
---@param name string
---@return string
function Node:attr_text(name) end

---For the cleaner: the elements below the node that a simple selector picks, given as its compounds ({tag =, child =, class names...}).
---@param steps table[]
---@return quire.Node[]
function Node:select_simple(steps) end

---For the cleaner: the outermost elements below the node whose class holds one of NAMES (at most 32), in document order.
---@param names string[]
---@return quire.Node[]
function Node:select_any_class(names) end

---For the cleaner: the reference markers below the node, in document order: each `<sup>` whose text is only numbers ("1", "[2]", "3,4") linking within the page, or the in-page link around such a `<sup>`; and each in-page link that is only an arrow ("↩"), a footnote's way back.
---@return quire.Node[]
function Node:citation_marks() end

---A parsed HTML document: a node, plus its root element and parse errors.
---Works with `local doc <close> = quire.dom.parse(html)`.
---@class quire.Document: quire.Node
---@field root quire.Node|nil the root element (<html>)
---@field errors string[]|nil the parser's complaints ("line N: message"), when parsed with {errors = true}
local Document = {} -- methods only documents have (they share Node's method table, but these raise on other nodes)

---Frees the document now; its nodes then raise "document is closed".
function Document:close() end

---Whether the document was closed.
---@return boolean
function Document:closed() end

---HTML documents and nodes (lua/quire/dom.lua).
---@class quire.dom
quire.dom = {}

---------------------------------------------------------------- cleaning

---A block of the cleaned article.
---@class quire.Block
---@field kind "heading"|"para"|"list"|"quote"|"image"|"table"|"code"
---@field text string
---@field html string
---@field markdown string|nil with opts.markdown
---@field level integer|nil headings: 1 to 6
---@field items string[]|nil lists
---@field src string|nil images
---@field alt string|nil images
---@field caption string|nil images

---What cleaning found and did.
---@class quire.CleanReport
---@field profile string|nil the name of the profile used
---@field meta table<string, string> fields lifted from the body: origin, editor, byline, ...
---@field title string|nil
---@field images {src: string, alt: string|nil, caption: string|nil}[]
---@field links {href: string, text: string}[]
---@field counts table<string, integer> removals by rule
---@field removed {rule: string, path: string, text: string}[]|nil with opts.explain

---@class quire.CleanOptions
---@field profile? "auto"|"none"|string|table a profile's name, "auto" (the default: chosen by source or body), "none", or a profile table
---@field generic? boolean false skips the generic extractor
---@field explain? boolean fill report.removed
---@field markdown? boolean add block.markdown
---@field source? string the feed name that picks the profile, instead of rec.source

---The article in a post or page as a list of blocks (lua/quire/clean.lua).
---quire.clean(input, opts) is clean.clean(input, opts).
---@class quire.clean
---@overload fun(input: quire.Record|quire.Document|string, opts?: quire.CleanOptions): quire.Block[], quire.CleanReport
quire.clean = {}

---------------------------------------------------------------- text

---Unicode and CJK string helpers (utf8proc and iconv underneath). Invalid
---UTF-8 never raises: each bad byte reads as one U+FFFD.
---@class quire.ustr
---@field defaults {ambiguous: integer, ellipsis: string} ambiguous = 2 counts East Asian ambiguous characters as two columns; ellipsis ends truncated text
quire.ustr = {}

---A string wrapped so that quire.ustr's functions are its methods
---(quire.ustr.wrap): #w counts code points, tostring(w) or w:str() gives
---the string back. Methods that make text return wrapped text.
---@class quire.ustr.Wrapped
local Wrapped = {} -- methods of a wrapped string

---The plain string inside.
---@return string
function Wrapped:str() end

---Number of code points.
---@return integer
function Wrapped:len() end

---Whether the string is valid UTF-8, and where the first invalid byte is.
---@return boolean
---@return integer|nil
function Wrapped:valid() end

---Invalid bytes replaced by U+FFFD.
---@return quire.ustr.Wrapped
function Wrapped:repair() end

---Code points i..j (string.sub's rules).
---@param i integer
---@param j? integer
---@return quire.ustr.Wrapped
function Wrapped:sub(i, j) end

---Iterator over the extended grapheme clusters, each with its byte position.
---@return fun(): string|nil, integer
function Wrapped:graphemes() end

---Number of extended grapheme clusters.
---@return integer
function Wrapped:ngraphemes() end

---Iterator over the characters: character, byte position, code point.
---@return fun(): string|nil, integer, integer
function Wrapped:chars() end

---Terminal columns.
---@param ambiguous? 1|2
---@return integer
function Wrapped:width(ambiguous) end

---Cut to at most COLS columns between grapheme clusters, ending with ELLIPSIS when cut.
---@param cols integer
---@param ellipsis? string
---@param ambiguous? 1|2
---@return quire.ustr.Wrapped
function Wrapped:truncate(cols, ellipsis, ambiguous) end

---Padded with spaces to COLS columns.
---@param cols integer
---@param align? "left"|"right"|"center"
---@param ambiguous? 1|2
---@return quire.ustr.Wrapped
function Wrapped:pad(cols, align, ambiguous) end

---Unicode normalization form NFC (default), NFD, NFKC or NFKD.
---@param form? "NFC"|"NFD"|"NFKC"|"NFKD"
---@return quire.ustr.Wrapped
function Wrapped:normalize(form) end

---Full case folding.
---@return quire.ustr.Wrapped
function Wrapped:fold() end

---Simple lower-case mapping.
---@return quire.ustr.Wrapped
function Wrapped:lower() end

---Simple upper-case mapping.
---@return quire.ustr.Wrapped
function Wrapped:upper() end

---General category of the first character ("Lu", "Lo", "Nd", ...).
---@return string
function Wrapped:category() end

---Script of the first character ("Han", "Latin", "Common", ...).
---@return string
function Wrapped:script() end

---Whether the first character is a Han, kana, Hangul or Bopomofo letter.
---@return boolean
function Wrapped:is_cjk() end

---Share (0..1) of the letters and digits that are CJK.
---@return number
function Wrapped:cjk_ratio() end

---Without leading and trailing Unicode white space.
---@return quire.ustr.Wrapped
function Wrapped:trim() end

---Each run of white space made "\n" (if it breaks a line) or " ".
---@return quire.ustr.Wrapped
function Wrapped:squeeze() end

---Full-width ASCII forms made ASCII; CJK punctuation stays unless ALL.
---@param all? boolean
---@return quire.ustr.Wrapped
function Wrapped:halfwidth(all) end

---ASCII made full-width (space too, as U+3000, if SPACE).
---@param space? boolean
---@return quire.ustr.Wrapped
function Wrapped:fullwidth(space) end

---The sentences, trimmed, none empty.
---@return string[]
function Wrapped:sentences() end

---The overlapping two-character strings of every run of CJK letters.
---@return string[]
function Wrapped:bigrams() end

---The bytes decoded from encoding FROM (an iconv name) to UTF-8, or nil, message.
---@param from string
---@return string|nil, string|nil
function Wrapped:decode(from) end

---The text encoded in TO (an iconv name), or nil, message.
---@param to string
---@return string|nil, string|nil
function Wrapped:encode(to) end

---"UTF-8", "GB18030", "BIG5" or nil: the encoding the bytes look like.
---@return string|nil
function Wrapped:guess() end

---The dictionary segmenter (libfriso) quire.text shares; quire.text.segmenter().
---@class quire.Segmenter
local Segmenter = {} -- methods of the segmenter

---The tokens of TEXT in order; punctuation only when KEEP_PUNCT.
---@param text string
---@param keep_punct? boolean
---@return string[]
function Segmenter:words(text, keep_punct) end

---Every token with its kind ("word", "latin", "number", "punct"), and with STARTS the byte where each begins.
---@param text string
---@param starts? boolean
---@return string[] tokens
---@return string[] kinds
---@return integer[]|nil starts
function Segmenter:tokens(text, starts) end

---Adds WORD to the dictionary: true if added, false if known, nil, message if it cannot be a word.
---@param word string
---@return boolean|nil, string|nil
function Segmenter:add(word) end

---Whether WORD is in the dictionary.
---@param word string
---@return boolean
function Segmenter:has(word) end

---Number of dictionary entries.
---@return integer
function Segmenter:size() end

---Frees the segmenter (quire.text's shared one is then unusable: leave it open).
function Segmenter:close() end

---Words of Chinese and mixed text (libfriso over Debian's friso-dict).
---@class quire.text
---@field stopwords table<string, boolean> the stop words, a set; edit it freely
---@field dict string|nil folder of the friso dictionary; nil means $QUIRE_FRISO_DICT, else Debian's
---@field terms_files string[] extra terms files loaded with the dictionary
---@field max_term integer longest user term, in Han characters
quire.text = {}

---A text segmented once for keywords and sentences (quire.summary.prepare).
---@class quire.summary.Document
---@field text string

---An IDF table: documents counted and document frequency per word.
---@class quire.IdfTable
---@field docs integer
---@field df table<string, integer>

---Keywords and extractive summaries (lua/quire/summary.lua).
---@class quire.summary
---@field idf_table quire.IdfTable|nil the table keywords and sentences use when opts.idf is not given
---@field weights {rank: number, position: number, keywords: number} weights of a sentence's score
---@field lead_share number the share of content words that counts as the lead
---@field lead_weight number how much more a keyword in the lead counts
---@field max_ranked integer sentences beyond this many are not ranked by TextRank
quire.summary = {}

---@alias quire.Text string|quire.Record|quire.summary.Document a text, a record (its cleaned text) or a prepared document

---------------------------------------------------------------- grammars

---One match of quire.grammar.find_all or quire.grammar.extract.
---@class quire.Match
---@field kind string|nil "date", "time", "money", "percent", "count", "number", "attribution" or "fact" (extract)
---@field text string the text matched
---@field value any
---@field unit string|nil
---@field date string|nil ISO 8601
---@field start integer first byte (1-based)
---@field stop integer last byte (inclusive)
---@field cstart integer first character
---@field cstop integer last character
---@field captures any[]|nil the pattern's captures, when it has no table capture

---@class quire.ExtractOptions
---@field kinds? string|string[]|table<string, boolean> kinds to find (default all); "money,percent" and plurals work
---@field date? string|{year: integer, month: integer, day: integer} the record's date, for dates without a year and 昨天
---@field time? integer the record's time (epoch seconds), instead of date
---@field tz? string zone of TIME (default Asia/Shanghai)

---LPeg grammars for numbers, dates, money, percentages, counts and
---attributions in Chinese news text, and facts built from them
---(lua/quire/grammar/init.lua). quire loads it on first use of quire.grammar.
---@class quire.grammar
---@field number quire.Pattern any number: Arabic with a multiplier, or Chinese; captures its value
---@field arabic quire.Pattern an Arabic number with an optional multiplier: 1.2万, 3千万, 2650
---@field cn_number quire.Pattern a Chinese number (十二万三千四百), capturing its value
---@field multiplier quire.Pattern the multiplier after a number (万, 亿, 千万), as one value
---@field amount quire.Pattern a quantity: {value, value_end (a range), approx (多, 余, 来), ...}
---@field date quire.Pattern a date or range of dates
---@field time quire.Pattern a time of day on its own
---@field money quire.Pattern a sum of money, with its currency
---@field percent quire.Pattern a percentage or percentage points
---@field count quire.Pattern a number with a counter or unit of measure (例, 人, 公里, ...)
---@field attribution quire.Pattern 据…报道, …电, 来源：, 《titles》, “quotes”
---@field bare_number quire.Pattern a bare number that is an amount
---@field char quire.Pattern one UTF-8 character (or stray byte)
---@field starter quire.Pattern what a match can start with
---@field starter_words string[] words a match can start with
---@field kinds string[] the kinds extract knows, in the order it tries them
quire.grammar = {}

---------------------------------------------------------------- export

---A format module (lua/quire/export/NAME.lua).
---@class quire.export.Format
---@field summary string one line for --help
---@field target "file"|"folder"|"database"
---@field needs {markdown: boolean}|nil
---@field open fun(target: {path: string|nil, file: file*|nil}, opts: table): any
---@field write fun(state: any, row: table)
---@field close fun(state: any): string|nil, string|nil

---Records out to other tools through format modules (quire.export, or
---require "quire.export"; loaded on first use).
---@class quire.export
---@field fields string[] the fields every format carries, in output order
quire.export = {}

---A writer of one format (quire.export.writer, or quire.export.jsonl(...) and the like).
---@class quire.export.Writer
local Writer = {} -- methods of an export writer

---Writes a record (or a row made by quire.export.row).
---@param rec_or_row quire.Record|table
function Writer:write(rec_or_row) end

---Finishes the output: a one-line summary, or nil, message.
---@return string|nil, string|nil
function Writer:close() end

---------------------------------------------------------------- quire


---Streams the records of PATHS (a path, a list of paths, a .jsonl file, or "-" for paths or JSON Lines on stdin), one at a time; with no paths, the command line's archives through its filters.
---@param paths? string|string[]
---@param opts? quire.OpenOptions
---@return fun(): quire.Record|nil, integer|nil iterator giving each record and its position in walk order
function quire.open(paths, opts) end

---Runs fn(rec) over the records of PATHS in opts.jobs worker processes; results in input order (nil results are left out).
---@param paths string|string[]|nil nil: the command line's archives and filters
---@param fn fun(rec: quire.Record): any
---@param opts? quire.MapOptions
---@return any results the list of results; the accumulator with reduce; nothing with each
function quire.map(paths, fn, opts) end

-- quire.record -----------------------------------------------------------

---Parses BYTES (a post's whole text) read from PATH into a record; never raises for bad input.
---@param bytes string
---@param path? string
---@param opts? quire.OpenOptions tz, source, hash
---@return quire.Record
function quire.record.parse(bytes, path, opts) end

---Reads and parses the post at PATH; never raises for bad input.
---@param path string
---@param opts? quire.OpenOptions tz, source, max_bytes, hash
---@return quire.Record
function quire.record.read(path, opts) end

---The feed a record came from, by RULE: a category index (default 2), a meta field name, or a function.
---@param rec quire.Record
---@param rule? integer|string|fun(rec: quire.Record): string|nil
---@return string|nil
function quire.record.source(rec, rule) end

-- quire.yaml -------------------------------------------------------------

---Parses the first YAML document of TEXT: value and duplicated keys, or nil, message, line.
---@param text string
---@param max_nodes? integer bound on the nodes aliases may expand to
---@return any value
---@return string|string[]|nil message_or_duplicates
---@return integer|nil line
function quire.yaml.load(text, max_nodes) end

---YAML text for VALUE (one document, no --- lines): keys in FIRST_KEYS first, the rest sorted; raises for values YAML cannot hold.
---@param value any
---@param first_keys? string[]
---@return string
function quire.yaml.dump(value, first_keys) end

-- quire.dom --------------------------------------------------------------

---Parses HTML (a UTF-8 string); opts.errors keeps the parser's complaints in doc.errors.
---@param html string
---@param opts? {errors: boolean}
---@return quire.Document
function quire.dom.parse(html, opts) end

---The XPath a CSS selector compiles to (what select uses, from a context node).
---@param sel string
---@return string
function quire.dom.css_to_xpath(sel) end

-- quire.clean ------------------------------------------------------------

---Cleans INPUT (a record, a document or an HTML string); returns blocks, report.
---@param input quire.Record|quire.Document|string
---@param opts? quire.CleanOptions
---@return quire.Block[] blocks
---@return quire.CleanReport report
function quire.clean.clean(input, opts) end

---Cleans INPUT as clean does, but hands the kept blocks as the walk made them to with(raw, report, doc) before the document closes.
---@param input quire.Record|quire.Document|string
---@param opts quire.CleanOptions|nil
---@param with fun(raw: table[], report: quire.CleanReport, doc: quire.Document): any
---@return any result what `with` returned
---@return quire.CleanReport report
function quire.clean.clean_with(input, opts, with) end

---The blocks the walk made (RAW, as clean_with hands them) as the block tables clean returns.
---@param raw table[]
---@param opts? quire.CleanOptions
---@return quire.Block[]
function quire.clean.finish(raw, opts) end

---The text of BLOCKS: each block's text, blank lines between.
---@param blocks quire.Block[]
---@return string
function quire.clean.text(blocks) end

---BLOCKS as Markdown (blocks made with opts.markdown).
---@param blocks quire.Block[]
---@return string
function quire.clean.markdown(blocks) end

---Names of every profile: bundled and in the look-up folders.
---@return string[]
function quire.clean.profile_names() end

---The profile NAME (a table), or nil, message; a profile that fails to load is reported once.
---@param name string
---@return table|nil, string|nil
function quire.clean.profile(name) end

---The profile for SOURCE (a feed name) or, failing that, the first whose detect selectors match DOC; nil when none applies.
---@param source string|nil
---@param doc? quire.Document
---@return table|nil
function quire.clean.choose(source, doc) end

---The path of a DOM node, /html[1]/body[1]/div[2]/p[3] (for --explain).
---@param node quire.Node
---@return string
function quire.clean.dom_path(node) end

---TEXT with full-width ： ｜ （ ） ／ and ideographic spaces as ASCII.
---@param text string
---@return string
function quire.clean.fold(text) end

---For --learn: "tag.class" of a raw block's element and of up to three class-bearing containers around it, each with its text size.
---@param b table a raw block
---@return table[]
function quire.clean.class_chain(b) end

---Prints a warning ("quire: MSG") on stderr; replace it to collect the warnings instead.
---@param msg string
function quire.clean.warn(msg) end

---For the tests: whether the cleaner's quick pre-check lets TEXT through to the rules of LIST.
---@param list table[]
---@param plain boolean
---@param text string
---@return boolean
function quire.clean.may_match_list(list, plain, text) end

---For the tests: the plain text every match of Lua pattern P contains, or false.
---@param p string
---@return string|false
function quire.clean.pattern_lead(p) end

---For the tests: the plain text every match of a "$"-anchored Lua pattern P ends with, or nil.
---@param p string
---@return string|nil
function quire.clean.pattern_tail(p) end

---For the tests: how many ASCII digits every match of an anchored Lua pattern P starts with (0 when none need be).
---@param p string
---@return integer
function quire.clean.pattern_digits(p) end

-- quire.ustr -------------------------------------------------------------

---Number of code points.
---@param s string
---@return integer
function quire.ustr.len(s) end

---Whether S is valid UTF-8 and, if not, the position of the first invalid byte.
---@param s string
---@return boolean
---@return integer|nil
function quire.ustr.valid(s) end

---S with invalid bytes replaced by U+FFFD.
---@param s string
---@return string
function quire.ustr.repair(s) end

---Code points i..j of S (string.sub's rules, negative from the end).
---@param s string
---@param i integer
---@param j? integer
---@return string
function quire.ustr.sub(s, i, j) end

---Iterator over the extended grapheme clusters of S, each with its byte position.
---@param s string
---@return fun(): string|nil, integer
function quire.ustr.graphemes(s) end

---Number of extended grapheme clusters.
---@param s string
---@return integer
function quire.ustr.ngraphemes(s) end

---Iterator over the characters of S: character, byte position, code point (an invalid byte comes alone, as U+FFFD).
---@param s string
---@return fun(): string|nil, integer, integer
function quire.ustr.chars(s) end

---Terminal columns S takes (ambiguous: 1 or 2, default defaults.ambiguous).
---@param s string
---@param ambiguous? 1|2
---@return integer
function quire.ustr.width(s, ambiguous) end

---S cut to at most COLS columns between grapheme clusters, ending with ELLIPSIS (default "…") when cut.
---@param s string
---@param cols integer
---@param ellipsis? string
---@param ambiguous? 1|2
---@return string
function quire.ustr.truncate(s, cols, ellipsis, ambiguous) end

---S padded with spaces to COLS columns: text on the left (default), right or center.
---@param s string
---@param cols integer
---@param align? "left"|"right"|"center"
---@param ambiguous? 1|2
---@return string
function quire.ustr.pad(s, cols, align, ambiguous) end

---S in NFC (default), NFD, NFKC or NFKD.
---@param s string
---@param form? "NFC"|"NFD"|"NFKC"|"NFKD"
---@return string
function quire.ustr.normalize(s, form) end

---S case-folded (full folding: ß becomes ss).
---@param s string
---@return string
function quire.ustr.fold(s) end

---S with each code point's simple lower-case mapping.
---@param s string
---@return string
function quire.ustr.lower(s) end

---S with each code point's simple upper-case mapping.
---@param s string
---@return string
function quire.ustr.upper(s) end

---General category of a character or code point ("Lu", "Lo", "Nd", ...).
---@param c string|integer
---@return string
function quire.ustr.category(c) end

---Script of a character or code point ("Han", "Latin", "Common", ...).
---@param c string|integer
---@return string
function quire.ustr.script(c) end

---Whether a character or code point is a Han, kana, Hangul or Bopomofo letter.
---@param c string|integer
---@return boolean
function quire.ustr.is_cjk(c) end

---Share (0..1) of the letters and digits of S that are CJK.
---@param s string
---@return number
function quire.ustr.cjk_ratio(s) end

---S without leading and trailing Unicode white space (U+3000, NBSP, ...).
---@param s string
---@return string
function quire.ustr.trim(s) end

---S with each run of white space made "\n" (if it breaks a line) or " ".
---@param s string
---@return string
function quire.ustr.squeeze(s) end

---Full-width ASCII forms made ASCII; CJK punctuation (！（），：；？) stays unless ALL.
---@param s string
---@param all? boolean
---@return string
function quire.ustr.halfwidth(s, all) end

---ASCII made full-width (space too, as U+3000, if SPACE).
---@param s string
---@param space? boolean
---@return string
function quire.ustr.fullwidth(s, space) end

---The sentences of S, trimmed, none empty.
---@param s string
---@return string[]
function quire.ustr.sentences(s) end

---The overlapping two-character strings of every run of CJK letters in S (a run of one gives that character).
---@param s string
---@return string[]
function quire.ustr.bigrams(s) end

---BYTES decoded from encoding FROM (any iconv name: "GB18030", "GBK", "BIG5", ...) to UTF-8, or nil, message.
---@param bytes string
---@param from string
---@return string|nil, string|nil
function quire.ustr.decode(bytes, from) end

---S encoded in TO (an iconv name), or nil, message.
---@param s string
---@param to string
---@return string|nil, string|nil
function quire.ustr.encode(s, to) end

---The encoding BYTES look like: "UTF-8", "GB18030", "BIG5" or nil.
---@param bytes string
---@return string|nil
function quire.ustr.guess(bytes) end

---S as a value with quire.ustr's functions as methods.
---@param s string|number
---@return quire.ustr.Wrapped
function quire.ustr.wrap(s) end

-- quire.text -------------------------------------------------------------

---The words of S in order; opts.punct keeps punctuation tokens too.
---@param s string
---@param opts? {punct: boolean}
---@return string[]
function quire.text.words(s, opts) end

---Every token of S and its kind: "word", "latin", "number" or "punct".
---@param s string
---@return string[] tokens
---@return string[] kinds
function quire.text.tokens(s) end

---The content words of S (keywords' candidates: no stop words, punctuation, numbers or single characters), in order.
---@param s string
---@return string[]
function quire.text.content(s) end

---Whether word W of kind KIND (as quire.text.tokens gives it) can be a keyword.
---@param w string
---@param kind string
---@return boolean
function quire.text.is_content(w, kind) end

---Adds WORD (2 to text.max_term Han characters) to this process's dictionary: true if added, false if known, nil, message if it cannot be a word.
---@param word string
---@return boolean|nil, string|nil
function quire.text.add_word(word) end

---Whether WORD is in the dictionary (with user words).
---@param word string
---@return boolean
function quire.text.known(word) end

---Adds the terms in the file at PATH now and to every later load; the number of terms read, or nil, message.
---@param path string
---@return integer|nil, string|nil
function quire.text.load_terms(path) end

---The user's own terms file in the config folder, or nil (under -E, or without XDG_CONFIG_HOME and HOME).
---@return string|nil
function quire.text.user_terms_file() end

---The shared segmenter, loading the dictionary and terms files on first use; raises if the dictionary cannot be found.
---@return quire.Segmenter
function quire.text.segmenter() end

---Whether the dictionary has been loaded in this process.
---@return boolean
function quire.text.loaded() end

-- quire.summary ----------------------------------------------------------

---The K (default 10) best keywords of X, best first, and their scores.
---@param x quire.Text
---@param k? integer
---@param opts? {method: "tfidf"|"textrank"|nil, idf: quire.IdfTable|nil, window: integer|nil}
---@return string[] words
---@return number[] scores
function quire.summary.keywords(x, k, opts) end

---The N (default 3) best sentences of X, whole and in their original order.
---@param x quire.Text
---@param n? integer
---@param opts? {idf: quire.IdfTable|nil, keywords: integer|nil, weights: table|nil}
---@return string[]
function quire.summary.sentences(x, n, opts) end

---X ready for keywords and sentences: a document segmented once, on first use, for every later call.
---@param x quire.Text
---@return quire.summary.Document
function quire.summary.prepare(x) end

---The sentences of X, whole and trimmed, empty ones dropped.
---@param x quire.Text
---@return string[]
function quire.summary.split(x) end

---The content words (Latin ones lower-cased) of each sentence of X, in split's order.
---@param x quire.Text
---@return string[][]
function quire.summary.sentence_keys(x) end

---The text of X: a string as is; a record's cleaned text (or, without one, its body's text).
---@param x quire.Text
---@return string
function quire.summary.text_of(x) end

---An empty IDF table.
---@return quire.IdfTable
function quire.summary.idf_new() end

---Counts one document whose distinct words are WORDS in the table T; returns T.
---@param t quire.IdfTable
---@param words string[]
---@return quire.IdfTable
function quire.summary.idf_add(t, words) end

---An IDF table over the records of PATHS (quire.map's options: jobs, where, ...).
---@param paths string|string[]|nil
---@param opts? quire.MapOptions
---@return quire.IdfTable
function quire.summary.idf_build(paths, opts) end

---Inverse document frequency of WORD in the table T: log((N+1)/(df+1)) + 1.
---@param t quire.IdfTable
---@param word string
---@return number
function quire.summary.idf(t, word) end

---Writes T to PATH atomically ("#docs N", then "word<TAB>df" lines); true, or nil, message.
---@param t quire.IdfTable
---@param path string
---@return boolean|nil, string|nil
function quire.summary.idf_save(t, path) end

---Reads an IDF table written by idf_save; the table, or nil, message.
---@param path string
---@return quire.IdfTable|nil, string|nil
function quire.summary.idf_load(path) end

---The distinct content words of X, sorted: what one document adds to an IDF table.
---@param x quire.Text
---@return string[]
function quire.summary.doc_words(x) end

---The distinct content words of X, unsorted (what a worker of idf_build sends back).
---@param x quire.Text
---@return string[]
function quire.summary.doc_keys(x) end

-- quire.grammar ----------------------------------------------------------

---Every match of PATTERN (a pattern, or the name of one of quire.grammar's) in TEXT, in text order.
---@param text string
---@param pattern quire.Pattern|string
---@return quire.Match[]
function quire.grammar.find_all(text, pattern) end

---All matches of the kinds asked for, in text order, scanning once with every grammar (longest kinds first).
---@param text string
---@param opts? quire.ExtractOptions
---@return quire.Match[]
function quire.grammar.extract(text, opts) end

---The set of kinds KINDS names (a list, a set or "a,b"; plurals accepted); every kind when nil; raises for an unknown kind.
---@param kinds string|string[]|table<string, boolean>|nil
---@return table<string, true>
function quire.grammar.kind_set(kinds) end

---The value of a run of Chinese numerals, or nil when it is not a well-formed number ("三四十").
---@param text string
---@return number|nil
function quire.grammar.cn_value(text) end

---Fills in MATCH (a table from the date pattern) against REF: match.date and match.date_end as ISO 8601; returns MATCH.
---@param match table
---@param ref {year: integer, month: integer, day: integer}|nil
---@return table
function quire.grammar.resolve_date(match, ref) end

---The reference date from opts.date (a string or {year, month, day}) or opts.time (epoch seconds, in opts.tz); nil when neither is given.
---@param opts quire.ExtractOptions|nil
---@return {year: integer, month: integer, day: integer}|nil
function quire.grammar.reference_date(opts) end

-- quire.export ---------------------------------------------------------

---JSON for VALUE as quire writes it: UTF-8 and "/" unescaped, empty tables as [].
---@param value any
---@return string
function quire.export.json(value) end

---Plain values of REC for writing: the fields, error, hash, meta, images, rel, the extra opts.fields, and markdown when opts.needs.markdown; opts.raw takes the body's whole text.
---@param rec quire.Record
---@param opts? {raw: boolean|nil, fields: string[]|nil, needs: table|nil, roots: string[]|nil, clean: quire.CleanOptions|nil}
---@return table
function quire.export.row(rec, opts) end

---The format module NAME, or nil, message.
---@param name string
---@return quire.export.Format|nil, string|nil
function quire.export.format(name) end

---The names of the bundled formats and those in the look-up folders.
---@return string[]
function quire.export.names() end

---For stream formats: opens TARGET (a path written atomically, or an open file).
---@param target {path: string|nil, file: file*|nil}
---@return {file: file*, out: table|nil}|nil, string|nil
function quire.export.open_stream(target) end

---Finishes a stream from open_stream: renames the file into place, or flushes it; true, or nil, message.
---@param stream {file: file*, out: table|nil}
---@return boolean|nil, string|nil
function quire.export.close_stream(stream) end

---A writer for format NAME to TARGET (a path, or an open file for formats that stream).
---@param name string
---@param target string|file*
---@param opts? table the format's options (fields, raw, bom, ...)
---@return quire.export.Writer
function quire.export.writer(name, target, opts) end

---A JSON Lines writer (quire.export.writer("jsonl", ...)); every format NAME has such a function.
---@param target string|file*
---@param opts? table
---@return quire.export.Writer
function quire.export.jsonl(target, opts) end

---A CSV writer.
---@param target string|file*
---@param opts? table
---@return quire.export.Writer
function quire.export.csv(target, opts) end

---A Markdown writer: one file per record under the folder TARGET.
---@param target string
---@param opts? table
---@return quire.export.Writer
function quire.export.markdown(target, opts) end

---A plain text writer.
---@param target string|file*
---@param opts? table
---@return quire.export.Writer
function quire.export.text(target, opts) end

---A SQLite writer to the database file TARGET.
---@param target string
---@param opts? table
---@return quire.export.Writer
function quire.export.sqlite(target, opts) end

return quire
