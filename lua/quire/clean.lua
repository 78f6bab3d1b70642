--- quire.clean: the article in a post or page, as a list of blocks.
--
--   local blocks, report = quire.clean(rec_or_doc_or_html, opts)
--   for _, b in ipairs(blocks) do print(b.kind, b.text) end
--   rec:clean(opts), rec:text(), rec:blocks(), rec:markdown()
--
-- A block is {kind = "heading"|"para"|"list"|"quote"|"image"|"table"|"code",
-- text = ..., html = ...}; headings have level, lists items, images src,
-- alt and caption. The report has profile (the profile's name or nil),
-- meta (fields lifted from the body: origin, editor, byline, ...), title,
-- images ({src, alt, caption}), links ({href, text}), counts (removals by
-- rule) and, with opts.explain, removed: a list of {rule, path, text}.
--
-- Cleaning runs in two stages. First the source's profile (a plain table
-- of rules in lua/quire/profiles/NAME.lua, chosen by rec.source or by
-- matching the body; see lua/quire/profiles/README.md); then the generic
-- extractor, which drops what is never text (scripts, styles, small forms), page
-- furniture (nav, footers, share bars, comments: by element, role,
-- class/id words and microdata), keeps the main content (the element
-- whose paragraphs score highest by length, punctuation and link
-- density), and drops link lists, related-article lists and app or
-- newsletter promotions in it. Lines
-- that carry metadata (来源：..., 责任编辑：...) are lifted into fields.
--
-- opts: profile ("auto" (default), "none", a name, or a profile table),
-- generic (false skips the generic extractor), explain (true fills
-- report.removed), markdown (true adds block.markdown), source (overrides
-- rec.source for the profile choice).

local dom = require "quire.dom"
local ustr = require "quire.ustr"
local record = require "quire.record"
local generic = require "quire.clean.generic"

local clean = {}

local function set(list)
  local s = {}
  for _, v in ipairs(list) do s[v] = true end
  return s
end

local INVISIBLE = set(generic.invisible)
local FURNITURE = set(generic.furniture)
local STRONG = set(generic.strong)
local WEAK = set(generic.weak)
local POSITIVE = set(generic.positive)
local ROLES = generic.roles
-- (a generic.lua ejected before these lists existed has neither)
local WRAPPERS = set(generic.wrappers or {})
local COMMENT_TYPES = set(generic.comment_types or {})

-- Elements that are blocks of text in their own right (never descended into).
local LEAF = set {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote",
  "address", "dt", "dd", "caption", "figcaption", "summary", "legend"}
-- Elements that start a new block: everything else is inline.
local BLOCK = set {"address", "article", "aside", "blockquote", "body", "caption",
  "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
  "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol",
  "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "td",
  "th", "ul", "img", "br", "picture", "noscript", "hr"}
-- Elements that class/id words never remove: the article's own blocks.
local NO_HINTS = set {"html", "body", "main", "article", "p", "pre", "code", "blockquote",
  "h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody", "tr", "td", "th", "li", "dd", "dt",
  "figure", "figcaption", "img", "picture", "b", "strong", "em", "i"}

local methods = require("quire.c.dom").methods

-- ---- text measures ---------------------------------------------------

-- "Units" of text: CJK characters (and the letters of other scripts
-- written without spaces: Thai, Khmer, Myanmar...) plus words (Latin,
-- Cyrillic, Indic, Hangul...; combining marks count nothing); sentence
-- punctuation: ， 。 、 ； ！ ？, dandas and their ASCII cousins; and
-- whether the text has characters that fold() changes. One C pass
-- (dom_text_stats in src/dom.c, which says how each script counts);
-- for CJK and ASCII it counts what these patterns would:
--   units: [\227-\233][\128-\191][\128-\191] plus [%w\192-\223][%w\128-\223'%-]*
--   punct: [,;!?], \239\188[\140\155\129\159], \227\128[\129\130], %.%s
--   wide:  \239\188[\154\136\137\143], \239\189\156, \227\128\128
local text_stats = require("quire.c.dom").text_stats

local trim = ustr.trim

-- Full-width ： ｜ （ ） ／ and the ideographic space as ASCII, so line
-- patterns written with ':' match both forms: one C pass (dom_text_fold)
-- doing what these did in turn:
--   gsub("\239\188[\154\136\137\143]", {： = ":", （ = "(", ） = ")", ／ = "/"})
--   gsub("\239\189\156", "|"), gsub("\227\128\128", " ")
local fold = require("quire.c.dom").fold

local function escape_html(s)
  if not s:find('[&<>"]') then return s end
  return (s:gsub("[&<>\"]", {["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;"}))
end

-- ---- profiles ----------------------------------------------------------

local bundle = require "quire.c.bundle"
local sys = require "quire.c.sys"

clean.warn = function(msg) io.stderr:write("quire: ", msg, "\n") end

local loaded = {}     -- name -> profile table, or false after an error
local all_names       -- sorted list of profile names

--- Names of every profile: bundled and in the look-up folders.
function clean.profile_names()
  if all_names then return all_names end
  local seen, names = {}, {}
  local function add(n)
    if not seen[n] and n ~= "init" then seen[n] = true; names[#names + 1] = n end
  end
  for _, path in ipairs(bundle.list()) do
    local n = path:match("^quire/profiles/([%w_%-]+)%.lua$")
    if n then add(n) end
  end
  for _, dir in ipairs(bundle.dirs()) do
    for _, file in ipairs(sys.list(dir .. "/quire/profiles") or {}) do
      local n = file:match("^([%w_%-]+)%.lua$")
      if n then add(n) end
    end
  end
  table.sort(names)
  all_names = names
  return names
end

--- The profile NAME (a table), or nil, message. A profile file that fails
-- to load is reported once (file and line) and cleaning goes on without it.
function clean.profile(name)
  local p = loaded[name]
  if p ~= nil then return p or nil, "profile " .. name .. " failed to load" end
  local ok, value = pcall(require, "quire.profiles." .. name)
  if not ok or type(value) ~= "table" then
    local msg = ok and ("does not return a table (got " .. type(value) .. ")") or tostring(value)
    -- require's message repeats the file; keep the line that names file:line
    msg = msg:match("\n%s*([^\n]+:%d+:[^\n]*)") or msg:match("^([^\n]+)") or msg
    loaded[name] = false
    clean.warn(string.format("profile %s: %s; cleaning with the generic extractor", name, msg))
    return nil, msg
  end
  value.name = value.name or name
  loaded[name] = value
  return value
end

-- Profiles by source name, built on first use.
local by_source

-- What every match of selector SEL needs in a document, or false when
-- SEL is beyond this plain reading (compounds of a tag, .class and #id
-- parts and [attribute] tests, with descendant or child combinators):
-- {class names..., attrs = {{name, text}...}} where each text must be
-- inside a value of that attribute ([href^="https://x"], any operator
-- but with the i flag). A selector that does not compile gets false, so
-- running it still raises. Cached per selector.
local needs_cache = {}
local function needs_of(sel)
  if type(sel) ~= "string" then return false end
  local need = needs_cache[sel]
  if need ~= nil then return need end
  need = false
  local plain = pcall(dom.css_to_xpath, sel) and sel:gsub("%b[]", " ")
  if plain and not plain:find("[^%w_%-\128-\255%.#%s>+~*]") then
    need = {attrs = {}}
    for name in plain:gmatch("%.([%w_%-\128-\255]+)") do need[#need + 1] = name end
    for test in sel:gmatch("%b[]") do
      local name, _, text = test:match("^%[%s*([%w_%-]+)%s*[%^%*%$~|]?=%s*(['\"])(.-)%2%s*%]$")
      if name and text ~= "" and not text:find("[\\'\"%s]") then
        need.attrs[#need.attrs + 1] = {name:lower(), text}
      end
    end
  end
  needs_cache[sel] = need
  return need
end

-- Whether selector SEL can match in the document FEATS describes: false
-- when it needs a class or an attribute text the document lacks.
local function may_match(sel, feats)
  local need = needs_of(sel)
  if not need then return true end
  if #need > 0 then
    local have = feats.classes()
    for i = 1, #need do
      if not have[need[i]] then return false end
    end
  end
  for _, a in ipairs(need.attrs) do
    if not feats.attr(a[1]):find(a[2], 1, true) then return false end
  end
  return true
end

-- DOC's class names and attribute values, each gathered on first use.
local detect_classes  -- every class a detect selector needs (set in clean.choose)
local function features(doc)
  local classes, attrs = nil, {}
  return {
    classes = function()
      classes = classes or doc:classes(detect_classes)
      return classes
    end,
    attr = function(name)
      local t = attrs[name]
      if not t then t = doc:attr_text(name); attrs[name] = t end
      return t
    end,
  }
end

-- Whether profile P's detect selectors match DOC; a selector needing a
-- class or attribute text the document lacks is not run.
local function matches_body(p, doc, feats)
  local d = p.detect
  if not d then return false end
  if type(d) == "function" then return d(doc) end
  for _, sel in ipairs(d) do
    if may_match(sel, feats) and doc:select1(sel) then return true end
  end
  return false
end

--- The profile for SOURCE (a feed name) or, failing that, the first whose
-- detect selectors match DOC; nil when none applies.
function clean.choose(source, doc)
  if not by_source then
    by_source = {}
    local needed, list = {}, {}
    for _, name in ipairs(clean.profile_names()) do
      local p = clean.profile(name)
      if p then
        for _, s in ipairs(p.sources or {}) do
          if by_source[s] == nil then by_source[s] = p end
        end
        for _, sel in ipairs(type(p.detect) == "table" and p.detect or {}) do
          for _, c in ipairs(needs_of(sel) or {}) do
            if not needed[c] then needed[c] = true; list[#list + 1] = c end
          end
        end
      end
    end
    -- the documents' class sets need hold only these (up to 64 of them)
    detect_classes = #list <= 64 and list or nil
  end
  if source and by_source[source] then return by_source[source] end
  if doc then
    local feats = features(doc)
    for _, name in ipairs(clean.profile_names()) do
      local p = loaded[name]
      if p and matches_body(p, doc, feats) then return p end
    end
  end
  return nil
end

--- TEXT with full-width ： ｜ （ ） ／ and ideographic spaces as ASCII.
clean.fold = fold

-- ---- the walk: pruning and blocks --------------------------------------

-- State of one cleaning: st.blocks, st.removed, st.counts, st.explain.
local function removal(st, rule, node, path, text)
  st.counts[rule] = (st.counts[rule] or 0) + 1
  if st.explain then
    if text == nil and node then
      local ok, t = pcall(node.text, node)
      text = ok and t or ""
    end
    text = trim((text or ""):gsub("%s+", " "))
    st.removed[#st.removed + 1] = {rule = rule, path = path or "?",
      text = ustr.truncate(text, 40)}
  end
end

-- The walk over a node's children, in one C pass (node:clean_blocks in
-- src/lua_dom.c, helpers in src/blocks.c). What it does, with the sets
-- below (from quire.clean.generic and the tables above):
--  * (before it, unless st.raw, the elements of generic.never_text's
--    classes left the document: screen-reader text, heading permalinks;
--    and reference markers, a <sup> of numbers linking within the page)
--  * prune: INVISIBLE elements go, then (unless st.raw) small WRAPPERS
--    (under 60% of the body's text and 400 bytes), FURNITURE elements,
--    hidden ones (hidden, aria-hidden="true", display:none or
--    visibility:hidden in style; not when they hold 60% of the body's
--    text, which a script will show), readers' comments by schema.org
--    microdata (an itemtype in COMMENT_TYPES, itemprop="comment"), those
--    with a ROLES role, and, outside NO_HINTS elements and those marked
--    itemprop="text" or "articleBody", those whose class/id words (split
--    at case changes: appendQr_wrap -> append, qr, wrap) hint at
--    furniture: a STRONG word (unless a POSITIVE one is there too) below
--    60% of the body's text, or 50% with a positive word, or a WEAK word
--    on an element other than <a> with at most 120 bytes of text and no
--    <p> or <pre>; each removal is counted and, with st.explain, passed
--    to removal() with its path and text;
--  * blocks: headings (level 1-6), <pre> (code), <blockquote> (quote) and
--    the LEAF elements (para, split at line breaks) with their images
--    after them; lists whose <li> hold no blocks (items); tables with no
--    blocks inside (rows "a | b"); images (the first real address of
--    src, data-src, data-original, data-actualsrc, data-lazy-src: lazy
--    loading leaves data: placeholders in src; with alt; a <figure>'s
--    last image gets its caption);
--    runs of inline content between blocks become a paragraph with the
--    run's own HTML. Each block records its text, node (or the run's
--    nodes), link density ld, links {href, text} (http(s) only) and,
--    with st.explain, its path;
--  * containers (BLOCK elements, or any but <a> holding one) get a shadow
--    {tag, parent, idx, depth, node, T, S, hint} and are walked in turn;
--  * scores: each block gets units, punct and wide (text_stats of its
--    text, kept in measured) and good, which is added to its containers'
--    T and S (see the pass after the walk, below).
-- Blocks and shadows stay in C (src/article.h); art_blocks gives them as
-- tables with these fields.
local WALK = {invisible = INVISIBLE, furniture = FURNITURE, strong = STRONG, weak = WEAK,
  positive = POSITIVE, roles = ROLES, leaf = LEAF, block = BLOCK, no_hints = NO_HINTS,
  wrappers = WRAPPERS, comment_types = COMMENT_TYPES, removal = removal}
local clean_blocks = methods.clean_blocks

-- Walks the children of NODE (in shadow SH, an index) into the blocks of
-- its document's article (src/article.h).
local function build(st, node, sh)
  clean_blocks(node, WALK, st, sh)
end

-- ---- first-character index ------------------------------------------------
-- Rules are many and blocks are many; most patterns are anchored ("^来源")
-- and can only match text starting with one character. An index from
-- that character to the rules lets each block try only those that can
-- match, in their original order.

local MAGIC = "[%%%(%)%.%[%]%*%+%-%?%^%$]"

-- The first characters a pattern string can match (a list), or nil when
-- it is not anchored on a literal character or a class of ASCII letters.
local DIGITS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

local function first_chars(p)
  if type(p) ~= "string" or p:sub(1, 1) ~= "^" then return nil end
  -- ^%P: an escaped punctuation character ("%(", folded from （ too, "%*");
  -- when optional (%(?X), it or what X can start with
  local esc = p:match("^%^%%(%p)")
  if esc then
    local after = p:sub(4, 4)
    if after == "?" or after == "*" or after == "-" then
      local out = first_chars("^" .. p:sub(5))
      if out then out[#out + 1] = esc end
      return out
    end
    return {esc}
  end
  -- ^%d: an ASCII digit (Lua's %d), unless it is optional
  if p:sub(2, 3) == "%d" then
    local after = p:sub(4, 4)
    if after == "*" or after == "?" or after == "-" then return nil end
    return {table.unpack(DIGITS)}
  end
  local set, rest = p:match("^%^%[(%a+)%](.?)")
  if set then
    if rest == "*" or rest == "?" or rest == "-" then return nil end
    local out = {}
    for c in set:gmatch(".") do out[#out + 1] = c end
    return out
  end
  local c = p:match("^%^([\1-\127\194-\244][\128-\191]*)")
  if not c or c:find("^" .. MAGIC) then return nil end
  local after = p:sub(2 + #c, 2 + #c)
  if after == "*" or after == "?" or after == "-" then return nil end  -- optional
  return {c}
end

-- The first character of TEXT (after leading spaces).
local function text_first(text)
  return text:match("^[%s]*([\1-\127\194-\244][\128-\191]*)")
end

local indexes = setmetatable({}, {__mode = "k"})

local lead_of  -- below, with the rule patterns
local rulebook = require("quire.c.dom").rulebook

-- The lead of pattern P for a rule book: plain text every match holds,
-- also for an anchored pattern (its tail's lead: "END" of "^[%-—_%s]*END"),
-- or nil.
local function book_lead(p)
  if type(p) ~= "string" then return nil end
  return lead_of(p) or (p:sub(1, 1) == "^" and lead_of(p:sub(2))) or nil
end

-- How many ASCII digits every match of pattern P starts the subject with:
-- the "%d" items right after its "^" that no quantifier makes optional
-- (4 for "^%d%d%d%d[-/.]", 1 for "^%d+$"), or 0.
local function book_digits(p)
  if type(p) ~= "string" or p:sub(1, 1) ~= "^" then return 0 end
  local n, i = 0, 2
  while p:sub(i, i + 1) == "%d" do
    local q = p:sub(i + 2, i + 2)
    if q == "*" or q == "?" or q == "-" then break end
    n = n + 1
    i = i + 2 + (q == "+" and 1 or 0)
    if q == "+" then break end
  end
  return n
end

-- Plain text every match of Lua pattern P ends the subject with, or nil:
-- for a pattern anchored by a final "$", the plain characters right
-- before it ("分钟前" in "%d%s*分钟前$", "APP" in "尽在.-APP$"). None is
-- quantified (the next one is plain, or the "$"); one escaped by "%"
-- ends the run. The rule book compares it with the text's last bytes.
local function book_tail(p)
  if type(p) ~= "string" or p:sub(-1) ~= "$" then return nil end
  local escapes = #p:match("(%%*)%$$")
  if escapes % 2 == 1 then return nil end  -- "%$": a literal dollar sign
  local i = #p - 1
  while i >= 1 and not p:sub(i, i):find(MAGIC) do i = i - 1 end
  -- a letter or digit after an odd run of "%" is a class (%d, %a), not itself
  local j = i + 1
  if i >= 1 and p:sub(i, i) == "%" and #p:sub(1, i):match("%%*$") % 2 == 1 then j = j + 1 end
  local tail = p:sub(j, #p - 1)
  if tail == "" or tail:byte(1) >= 0x80 and tail:byte(1) < 0xC0 then return nil end
  return tail
end

-- Index of LIST (rules, or plain patterns when PLAIN): {by = {char ->
-- positions}, any = positions, pats = {position -> the rule's pattern or
-- false}, literal = {position -> whether a plain pattern has no magic},
-- memo = candidate lists by first characters, book = the same first
-- characters with each rule's lead and max for may_match (src/rulebook.c),
-- which rules out in one C call the texts no rule of LIST can match}.
local function index_of(list, plain, pattern_of)
  local ix = indexes[list]
  if ix then return ix end
  ix = {by = {}, any = {}, memo = {}, pats = {}, literal = {}, tails = {}}
  local hints = {}
  for i, r in ipairs(list) do
    local firsts
    local hint = {}
    if not plain and type(r) == "table" then
      ix.pats[i] = pattern_of(r) or false  -- rules do not change once loaded
    end
    if plain then
      firsts = first_chars(r)
      ix.literal[i] = type(r) == "string" and not r:find(MAGIC)
      if ix.literal[i] then hint.lead = r else hint.lead, hint.tail = book_lead(r), book_tail(r) end
    elseif type(r) == "table" then
      firsts = r.first or (not r.strip and first_chars(pattern_of(r))) or nil
      hint.lead = r.lead or book_lead(r.strip or ix.pats[i])
      hint.tail = r.tail or book_tail(r.strip or ix.pats[i])
      ix.tails[i] = hint.tail or false
      if not r.strip then hint.digits = book_digits(ix.pats[i]) end
      if not r.strip and math.type(r.max) == "integer" then hint.max = r.max end
    end
    if firsts then
      for _, c in ipairs(firsts) do
        local l = ix.by[c] or {}
        l[#l + 1] = i
        ix.by[c] = l
      end
      hint.firsts = firsts
    else
      ix.any[#ix.any + 1] = i
    end
    hints[i] = hint
  end
  ix.book = rulebook(hints, not plain)
  indexes[list] = ix
  return ix
end

-- Positions of LIST worth trying on a text whose first character is FA
-- (and FB that of its folded form, or false), in order. They depend only
-- on the two first characters, so each pair's list is made once per
-- index and shared (callers only read it).
local function candidates(ix, fa, fb)
  local memo = ix.memo[fa]
  if not memo then memo = {}; ix.memo[fa] = memo end
  local out = memo[fb]
  if out then return out end
  local a = ix.by[fa]
  local b = fb and ix.by[fb]
  if not a and not b then
    out = ix.any
  else
    out = {}
    for _, l in ipairs {ix.any, a or {}, (b ~= a and b) or {}} do
      for _, i in ipairs(l) do out[#out + 1] = i end
    end
    table.sort(out)
  end
  memo[fb] = out
  return out
end

-- ---- profile rules -----------------------------------------------------

local lpeg = require "lpeg"

-- Where the single-character item at I of pattern P ends (%x, a [set]
-- as Lua's matcher reads it, "." or a plain character), or nil for what
-- is not one (captures, %b, %f, anchors, the end).
local function item_end(p, i)
  local c = p:sub(i, i)
  if c == "%" then
    local d = p:sub(i + 1, i + 1)
    if d == "" or d == "b" or d == "f" then return nil end
    return i + 1
  elseif c == "[" then
    local j = i + 1
    if p:sub(j, j) == "^" then j = j + 1 end
    repeat
      if j > #p then return nil end
      local d = p:sub(j, j)
      j = j + (d == "%" and 2 or 1)
    until p:sub(j, j) == "]"
    return j
  elseif c == "" or c == "(" or c == ")" or c == "^" or c == "$" then
    return nil
  end
  return i
end

-- Plain text every match of unanchored Lua pattern P holds, or false: the
-- first run of plain characters no quantifier touches, after any
-- single-character items ("尽在" in "尽在.-APP$", "复制代码" in
-- "%s*复制代码%s*$", "ign up" in "[Ss]ign up"). Lua patterns have no
-- alternatives, so such a run is in every match; looking for it as plain
-- text first spares the matcher's try at every position of a text that
-- cannot match. Cached per pattern.
local leads = {}
function lead_of(p)
  local lead = leads[p]
  if lead ~= nil then return lead end
  lead = false
  if p:sub(1, 1) ~= "^" then
    local i = 1
    while i <= #p do
      local j = i
      while j <= #p and not p:sub(j, j):find(MAGIC) do
        local q = p:sub(j + 1, j + 1)
        if q == "*" or q == "-" or q == "?" or q == "+" then
          -- a quantifier takes the byte before it: leave out its whole
          -- character, not only that byte ("个?" leaves no half of 个)
          while j > i and p:byte(j) >= 0x80 and p:byte(j) < 0xC0 do j = j - 1 end
          break
        end
        j = j + 1
      end
      if j > i then lead = p:sub(i, j - 1); break end
      -- no run here: step over this item (and its quantifier)
      local e = item_end(p, i)
      if not e then break end
      local q = p:sub(e + 1, e + 1)
      i = (q == "*" or q == "-" or q == "?" or q == "+") and e + 2 or e + 1
    end
  end
  leads[p] = lead
  return lead
end
clean.pattern_lead = lead_of  -- for the tests
clean.pattern_tail = book_tail
clean.pattern_digits = book_digits

-- Matches rule pattern P (a Lua pattern, an LPeg pattern or a function)
-- against TEXT: returns nil, or true / the captures.
local function match1(p, text)
  local tp = type(p)
  if tp == "string" then
    local lead = lead_of(p)
    if lead and not text:find(lead, 1, true) then return nil end
    if not text:find(p) then return nil end  -- no table for the usual miss
    return {text:match(p)}
  elseif tp == "function" then
    local v = p(text)
    if v == nil or v == false then return nil end
    return {v}
  elseif lpeg.type(p) == "pattern" then
    local r = {lpeg.match(p, text)}
    if r[1] == nil then return nil end
    return r
  end
  error("rule pattern must be a string, an LPeg pattern or a function, got " .. tp, 0)
end

local function match(p, text, folded)
  local r = match1(p, text)
  if r == nil and folded and folded ~= text then r = match1(p, folded) end
  return r
end

-- Applies a lift: FIELD (a name or function(text) -> table of fields).
local function lift(st, field, caps, text)
  local fields
  if type(field) == "function" then
    fields = field(text)
    if not fields then return false end
  else
    local v = caps and caps[1]
    if v == true or type(v) ~= "string" or v == "" then v = text end
    fields = {[field] = trim(v)}
  end
  for k, v in pairs(fields) do
    if v ~= "" and st.meta[k] == nil then st.meta[k] = v end
  end
  return true
end

-- A rule's text pattern, whichever key holds it.
local function rule_pattern(r)
  return r.match or (type(r.drop) ~= "boolean" and r.drop) or r.cut or r.pattern
end

-- For the tests: whether may_match lets TEXT through to the rules of
-- LIST (plain patterns when PLAIN), with the book the cleaner uses.
function clean.may_match_list(list, plain, text)
  return require("quire.c.dom").may_match(index_of(list, plain, rule_pattern).book, text)
end

-- Whether NODE is still in its document (not under a removed node).
local attached = require("quire.c.dom").attached

-- The compounds of selector SEL for node:select_simple (tags and classes
-- joined by descendant or child combinators, at most three) when css.lua
-- compiles SEL to exactly the XPath those compounds stand for; false
-- otherwise, and SEL goes through doc:select. Cached per selector.
local simple_cache = {}
local CLASS_TEST = "[@class and contains(concat(' ', normalize-space(@class), ' '), ' %s ')]"

local function simple_steps(sel)
  if type(sel) ~= "string" then return false end
  local steps = simple_cache[sel]
  if steps ~= nil then return steps end
  steps = false
  local ok, xpath = pcall(dom.css_to_xpath, sel)
  if ok and not sel:find("^%s*>") then
    local list, good = {}, true
    for sep, comp in sel:gmatch("(%s*>?%s*)([^%s>]+)") do
      local tag, rest = comp:match("^(%a%w*)(.*)$")
      if not tag then rest = comp end
      local st = {tag = tag and tag:lower() or nil, child = sep:find(">", 1, true) ~= nil}
      for c in rest:gmatch("%.([%w_%-]+)") do
        st[#st + 1] = c
        good = good and #c <= 64  -- select_simple's longest class name
      end
      good = good and (rest:gsub("%.[%w_%-]+", "") == "") and (tag or #st > 0)
      list[#list + 1] = st
    end
    -- the XPath css.lua makes of such compounds, right to left
    local function rtl(i)
      local st = list[i]
      local x = (st.tag or "*")
      for _, c in ipairs(st) do x = x .. CLASS_TEST:format(c) end
      if i == 1 then return x end
      return x .. (st.child and "[parent::" or "[ancestor::") .. rtl(i - 1) .. "]"
    end
    if good and #list >= 1 and #list <= 3 and "descendant::" .. rtl(#list) == xpath then
      steps = list
    end
  end
  simple_cache[sel] = steps
  return steps
end

-- doc:select(SEL), by one C walk when SEL is a simple selector.
local select_simple = methods.select_simple
local function select_fast(doc, sel)
  local steps = simple_steps(sel)
  if steps then return select_simple(doc, steps) end
  return doc:select(sel)
end

-- DOM rules of profile P: drop (selectors, optionally lifting), unwrap.
local function apply_dom_rules(st, p, doc)
  local pname = p.name
  for i, r in ipairs(p.drop or {}) do
    if type(r) == "string" then r = {select = r} end
    local rule = pname .. ":" .. (r.name or ("drop" .. i))
    local ok, nodes = pcall(select_fast, doc, r.select)
    if not ok then error(string.format("profile %s: rule %s: %s", pname, rule, nodes), 0) end
    for _, n in ipairs(nodes) do
      if attached(n) then
        -- its text for a lift and for --explain
        local text = (r.lift or st.explain) and n:text() or nil
        if r.lift then
          local caps = r.match and match(r.match, trim(text), fold(trim(text))) or {trim(text)}
          if caps then lift(st, r.lift, caps, trim(text)) end
        end
        removal(st, rule, nil, st.explain and clean.dom_path(n) or nil, text)
        n:remove()
      end
    end
  end
  for _, sel in ipairs(p.unwrap or {}) do
    for _, n in ipairs(doc:select(sel)) do n:unwrap() end
  end
end

-- Removes the elements of generic.never_text's classes (screen-reader text,
-- heading permalinks) and reference markers anywhere in DOC, before the
-- walk reads any text.
-- An entry is a class name, or TAG.CLASS for a class that counts only on
-- that element ("table.infobox": a wiki's fact box beside the article,
-- while a news page's div.infobox is a box in it).
local NEVER_TEXT, NEVER_ONLY_ON = {}, {}
for _, e in ipairs(generic.never_text or {}) do
  local tag, class = e:match("^(%w+)%.(.+)$")
  NEVER_TEXT[#NEVER_TEXT + 1] = class or e
  if tag then NEVER_ONLY_ON[class] = tag end
end
local select_any_class, citation_marks = methods.select_any_class, methods.citation_marks

-- Whether N, which holds one of the classes, is never text here: some
-- class of it counts on any element or on N's.
local function never_text_here(n)
  if next(NEVER_ONLY_ON) == nil then return true end
  local class = " " .. (n:attr("class") or "") .. " "
  for _, name in ipairs(NEVER_TEXT) do
    local only = NEVER_ONLY_ON[name]
    if (only == nil or only == n.tag) and class:find(" " .. name .. " ", 1, true) then return true end
  end
  return false
end

local function drop_never_text(st, doc)
  for _, n in ipairs(#NEVER_TEXT > 0 and select_any_class(doc, NEVER_TEXT) or {}) do
    if never_text_here(n) then
      removal(st, "generic:never-text", n, st.explain and clean.dom_path(n) or nil)
      n:remove()
    end
  end
  -- reference markers (a <sup> of numbers linking within the page, as
  -- Nature, Wikipedia and Markdown footnotes write them; a footnote's "↩"
  -- back): left in, they glue to the word before, "years ago1"
  for _, n in ipairs(citation_marks(doc)) do
    removal(st, "generic:citation", n, st.explain and clean.dom_path(n) or nil)
    n:remove()
  end
end

--- The path of a DOM node, /html[1]/body[1]/div[2]/p[3] (for --explain).
function clean.dom_path(node)
  local parts = {}
  local n = node
  while n and n.type == "element" do
    local tag, i = n.tag, 1
    local s = n:prev("element")
    while s do
      if s.tag == tag then i = i + 1 end
      s = s:prev("element")
    end
    table.insert(parts, 1, tag .. "[" .. i .. "]")
    n = n.parent
  end
  return "/" .. table.concat(parts, "/")
end

local may_match = require("quire.c.dom").may_match

-- Whether TEXT has characters that fold() changes.
local function has_wide(text)
  local _, _, wide = text_stats(text)
  return wide
end

-- What the line rules need of block B's text, made once per text and
-- kept on the block (b.view) for the next rule list: whether it folds,
-- its folded form, the first characters of both.
local function view(b)
  local text = b.text
  local v = b.view
  if v and v.text == text then return v end
  local wide
  if b.measured == text then wide = b.wide else wide = has_wide(text) end
  local folded = wide and fold(text) or nil
  v = {text = text, wide = wide, folded = folded, fa = text_first(text) or "",
    fb = folded and (text_first(folded) or "") or false, n = false}
  b.view = v
  return v
end

-- Whether V's text is at most MAX characters long (utf8.len, or bytes
-- when it is not UTF-8): a character takes one to four bytes, so the byte
-- length mostly answers without counting.
local function fits(v, max)
  local len = #v.text
  if len <= max then return true end
  if len > 4 * max then return false end
  local n = v.n
  if not n then
    n = utf8.len(v.text) or len
    v.n = n
  end
  return n <= max
end

-- Line rules (a list) against block B; returns "drop", "cut" or nil.
-- Patterns see the text as is and, when it has full-width ： ｜ （ ） ／,
-- folded (see fold), so ':' in a pattern matches both. ONLY, when given,
-- lists (by position) the rules the rule book lets through for B's text,
-- as the C pass works them out (dom.art_clean): the others cannot match.
local function apply_lines(st, rules, prefix, b, only)
  local ix = index_of(rules, false, rule_pattern)
  if not only then
    -- b.wide holds for b.text when the walk measured this text
    local may
    if b.measured == b.text then may = may_match(ix.book, b.text, b.wide) else may = may_match(ix.book, b.text) end
    if not may then return nil end
  end
  local v = view(b)
  local text, wide, folded = v.text, v.wide, v.folded
  local pats, tails = ix.pats, ix.tails
  local list = only or candidates(ix, v.fa, v.fb)
  local fa, fb = v.fa, v.fb
  local k = 0
  while k < #list do
    k = k + 1
    local i = list[k]
    local r = rules[i]
    local max = r.max
    local tail = tails[i]
    if tail and not (text:find(tail, #text - #tail + 1, true)
                     or (folded and folded:find(tail, #folded - #tail + 1, true))) then
      -- a pattern anchored at the end, and the text ends otherwise
    elseif r.strip then
      local pat = r.strip
      local lead = type(pat) == "string" and lead_of(pat)
      local stripped = (lead and not text:find(lead, 1, true)) and text or text:gsub(pat, "")
      if stripped ~= text then
        if only then
          -- the rules after this one for the new text: those the first
          -- characters of the text as it came allow (the loop's list then)
          local rest = {}
          for _, j in ipairs(candidates(ix, fa, fb)) do
            if j > i then rest[#rest + 1] = j end
          end
          list, k, only = rest, 0, nil
        end
        removal(st, prefix .. ":" .. (r.name or ("line" .. i)), nil, b.path, text:match(pat) or "")
        b.text = stripped
        v = view(b)
        text, wide, folded = v.text, v.wide, v.folded
        b.html = b.kind == "code" and ("<pre><code>" .. escape_html(text) .. "</code></pre>")
          or ("<p>" .. escape_html(text) .. "</p>")
        if trim(text) == "" then return "drop" end
      end
    elseif (not max or fits(v, max)) and (not r.lead or text:find(r.lead, 1, true)) then
      local caps
      local pat = pats[i]
      if pat == nil then pat = rule_pattern(r) elseif pat == false then pat = nil end
      if r.lift and type(r.lift) == "function" and not pat then
        if wide and not folded then folded = fold(text) end
        if lift(st, r.lift, nil, folded or text) then caps = {true} end
      elseif pat then
        caps = match1(pat, text)
        if not caps and wide then
          folded = folded or fold(text)
          caps = match1(pat, folded)
        end
        if caps and r.lift then
          if not lift(st, r.lift, caps, text) then caps = nil end
        end
      end
      if caps then
        local rule = prefix .. ":" .. (r.name or ("line" .. i))
        removal(st, rule, nil, b.path, text)
        if r.cut then return "cut" end
        if r.keep then return nil end
        return "drop"
      end
    end
  end
  return nil
end

-- ---- main content ------------------------------------------------------

-- Whether any pattern of LIST finds a match in block B's text. A pattern
-- with no magic characters is looked for as plain text: the same answer,
-- without the pattern matcher.
local function any_match(list, b)
  local ix = index_of(list, true)
  if not may_match(ix.book, b.text) then return false end
  local v = view(b)
  local text = v.text
  local literal = ix.literal
  local cand = candidates(ix, v.fa, false)
  for k = 1, #cand do
    local i = cand[k]
    local p = list[i]
    local lead = not literal[i] and type(p) == "string" and lead_of(p)
    if (not lead or text:find(lead, 1, true)) and text:find(p, 1, literal[i]) then return true end
  end
  return false
end

-- any_match, and for a line in capitals (starting with three capital
-- letters: "VEJA TAMBÉM:", "READ MORE") the same in lower case.
local function is_capital(c) return c ~= nil and c >= 65 and c <= 90 end
local function any_match_nocase(list, b)
  if any_match(list, b) then return true end
  local c1, c2, c3 = b.text:byte(1, 3)
  if not (is_capital(c1) and is_capital(c2) and is_capital(c3)) then return false end
  local lower = ustr.lower(b.text)
  return any_match(list, {text = lower, kind = b.kind})
end

-- The main content, the line rules over the blocks, related lists and
-- references, the repeated title, and what goes at the article's edges
-- run in C over the walk's blocks (art_clean in src/lua_dom.c, with
-- art_choose_main and art_repeated in src/article.c): one pass, which asks
-- the Lua rules above (apply_lines, any_match, any_match_nocase) only
-- about the blocks a rule book says a rule may match. What it does:
--  * choose_main (unless a profile's main selector chose): each block has
--    good (units * (1 - ld)^2, halved without punctuation; 0 for images,
--    headings and under 8 units), summed into its containers' shadows: T
--    in full, S weighted by depth (1, 1/2, 1/6, 1/9, 1/12 for the first
--    five levels). The container with the best S (x1.25 for a positive
--    class word, x0.8 for a weak one) is the article, or an ancestor
--    holding 1.4 times its T; siblings with 30% of its T (at least 10)
--    join it; blocks outside go (generic:outside-main). Under 20 good in
--    all, nothing is chosen.
--  * each block in turn: the profile's line rules, then the generic ones
--    (a list's items one by one, and an image's caption: a caption a rule
--    drops goes, the image stays; a generic "cut" ends the article only
--    when at most max(80, a fifth) of the units follow); a related opener
--    on a short or link-heavy line drops it and the link lists after it;
--    a references opener keeps the lists after it; a heading repeating
--    the page's title before the first substantial paragraph goes.
--  * when the blocks have 20 good or more: before the first and after the
--    last substantial paragraph (30 units, ld under 0.3, punctuation),
--    end marks (4 units at most), promotions (generic.promo_max units;
--    one after the article ends it) and link lists (ld 0.5, under 80
--    units) go, a list of links after the last one with the short line
--    right before it (its label), and link-heavy lists (ld over 0.7)
--    anywhere; a quote of 5 to 80 units repeating the text of another
--    block is a pull quote.

local function finish_block(b, opts)
  local out = {kind = b.kind, text = b.text, level = nil, html = nil}  -- room for four
  if b.level then out.level = b.level end
  if b.items then out.items = b.items; out.ordered = b.ordered end
  if b.kind == "image" then out.src, out.alt, out.caption = b.src, b.alt, b.caption end
  if b.html then
    out.html = b.html
  elseif b.kind == "image" then
    out.html = '<figure><img src="' .. escape_html(b.src) .. '" alt="' .. escape_html(b.alt or "") .. '">'
      .. (b.caption and ("<figcaption>" .. escape_html(b.caption) .. "</figcaption>") or "") .. "</figure>"
  elseif b.node then
    out.html = b.node:html()
  else
    out.html = "<p>" .. escape_html(b.text) .. "</p>"
  end
  if opts.raw then out.classes = clean.class_chain(b) end
  if opts.markdown then
    local k = b.kind
    if k == "image" then
      out.markdown = "![" .. (b.alt or ""):gsub("[%[%]]", "") .. "](" .. b.src:gsub("[ ()]", {[" "] = "%20", ["("] = "%28", [")"] = "%29"}) .. ")"
        .. (b.caption and ("\n\n*" .. b.caption .. "*") or "")
    elseif k == "code" then
      out.markdown = "```\n" .. b.text .. "\n```"
    elseif k == "heading" then
      out.markdown = string.rep("#", b.level or 2) .. " " .. b.text
    elseif b.node and not b.split and not b.nodes then
      out.markdown = trim(b.node:markdown())
    else
      out.markdown = b.text
    end
  end
  return out
end

--- For --learn: "tag.class" of the block's element and of up to three
-- class-bearing containers around it, inner first, each with its text size.
function clean.class_chain(b)
  local chain = {}
  local function add(node, key)
    local cls = node:attr("class")
    if cls then
      local names = {}
      for w in cls:gmatch("[%w_%-]+") do names[#names + 1] = w end
      if #names > 0 then
        chain[#chain + 1] = {sel = node.tag .. "." .. table.concat(names, "."), bytes = #node:text(), key = key}
      end
    end
  end
  if b.node and b.node.type == "element" then add(b.node, tostring(b) .. "n") end
  local sh = b.sh
  while sh and #chain < 4 and sh.depth > 0 do
    if sh.node.type == "element" then add(sh.node, tostring(sh)) end
    sh = sh.parent
  end
  return chain
end

local C = require "quire.c.dom"
local art_begin, art_shadow, art_clean = C.art_begin, C.art_shadow, C.art_clean
local art_blocks, art_report = C.art_blocks, C.art_report

-- The kept blocks of DOC's article as the walk made them (with their
-- shadows when RAW), made into tables on first use: a writer that reads
-- the article in C (quire.clean's jsonl) never asks for them.
local function kept_blocks(doc, raw)
  local list
  local function made()
    list = list or art_blocks(doc, "kept", raw)
    return list
  end
  return setmetatable({}, {
    __index = function(_, i) return made()[i] end,
    __len = function() return #made() end,
    __pairs = function() return next, made(), nil end,
  })
end

-- Resolves opts.profile to a profile table or nil.
local function pick_profile(opts, source, doc)
  local want = opts.profile or "auto"
  if type(want) == "table" then return want end
  if want == "none" then return nil end
  if want == "auto" then return clean.choose(source, doc) end
  local p = clean.profile(want)
  return p
end

-- Cleans INPUT (a record, a quire.dom document or an HTML string); see
-- the module comment. Returns blocks, report; with WITH, what
-- WITH(kept blocks, report, doc) returns in place of the blocks.
local function run(input, opts, with)
  opts = opts or {}
  local doc, own, rec, title
  local it = type(input)
  if it == "string" then
    doc, own = dom.parse(input), true
  elseif it == "table" and getmetatable(input) == record.Record then
    rec = input
    doc, own = dom.parse(rec.body or ""), true
    title = rec.title
  elseif it == "userdata" and input.type == "document" then
    doc = input
  else
    error("bad argument #1 to 'clean' (record, document or HTML string expected, got " .. it .. ")", 2)
  end
  local st = {removed = {}, counts = {}, meta = {}, explain = opts.explain, raw = opts.raw}
  if opts.raw then opts = setmetatable({profile = "none", generic = false}, {__index = opts}) end
  local report = {counts = st.counts, meta = st.meta}
  -- the kept blocks into the report, while the document is open
  local function deliver()
    report.images, report.links = art_report(doc)
    if st.explain then report.removed = st.removed end
    if with then
      report.blocks = with(kept_blocks(doc, opts.raw), report, doc)
    else
      report.blocks = clean.finish(art_blocks(doc, "kept", opts.raw), opts)
    end
  end
  local ok, err = pcall(function()
    art_begin(doc)
    -- the page's <title>, for dropping a repeated headline
    if not title then
      local t = doc:select1("title")
      if t then title = trim(t:text():gsub("%s+", " ")) end
    end
    local profile = pick_profile(opts, opts.source or (rec and rec.source), doc)
    report.profile = profile and profile.name or nil
    if profile then apply_dom_rules(st, profile, doc) end
    if opts.generic ~= false and not opts.raw then drop_never_text(st, doc) end
    local root = doc.root
    if not root then return deliver() end
    local main_nodes
    if profile and profile.main then
      main_nodes = select_fast(doc, profile.main)
      if #main_nodes == 0 then main_nodes = nil end
    end
    -- the walk measures the document's text when it first needs it (a
    -- strong class word); several walks need it measured before the first
    if main_nodes and #main_nodes > 1 then st.body_bytes = #doc:text() end
    local tag = root.tag or "html"
    local top = art_shadow(doc, tag, 1, 0, root, "/" .. tag .. "[1]")
    if main_nodes then
      for i, n in ipairs(main_nodes) do
        build(st, n, art_shadow(doc, n.tag, i, 1, n, st.explain and clean.dom_path(n) or nil, top))
      end
    else
      build(st, root, top)
    end
    local use_generic = opts.generic ~= false
    local plines = profile and profile.lines
    local found = art_clean(doc, {
      st = st, removal = removal, apply_lines = apply_lines, any_match = any_match,
      any_match_nocase = any_match_nocase, generic = use_generic, main = main_nodes ~= nil,
      title = title, plines = plines, pname = profile and profile.name,
      pbook = plines and index_of(plines, false, rule_pattern).book,
      glines = generic.lines, gbook = index_of(generic.lines, false, rule_pattern).book,
      related = generic.related, relbook = index_of(generic.related, true).book,
      references = generic.references, refbook = index_of(generic.references, true).book,
      end_marks = generic.end_marks, endbook = index_of(generic.end_marks, true).book,
      promo = generic.promo, promobook = index_of(generic.promo, true).book,
      promo_max = generic.promo_max,
    })
    if found then report.title = found end
    deliver()
  end)
  if own then doc:close() end
  if not ok then error(err, 0) end
  if st.explain then report.removed = st.removed end
  local blocks = report.blocks
  report.blocks = nil
  report.images = report.images or {}
  report.links = report.links or {}
  return blocks, report
end

--- Cleans INPUT (see the module comment); returns blocks, report.
function clean.clean(input, opts)
  return run(input, opts)
end

--- The blocks the cleaner kept, as the walk made them (RAW: tables with
-- node, html, ld, links, ...), as the block tables clean.clean returns.
function clean.finish(raw, opts)
  local result = {}
  for i, b in ipairs(raw) do result[i] = finish_block(b, opts) end
  return result
end

--- Cleans INPUT as clean.clean does, but hands the kept blocks as the walk
-- made them to WITH(raw, report, doc) before the document closes, for a
-- writer that reads their nodes itself; returns WITH's result, report
-- (report.removed with opts.explain, meta, images, links; no blocks).
function clean.clean_with(input, opts, with)
  return run(input, opts, with)
end

--- The text of BLOCKS: each block's text, blank lines between.
function clean.text(blocks)
  local parts = {}
  for _, b in ipairs(blocks) do
    if b.text ~= "" then parts[#parts + 1] = b.text end
  end
  return table.concat(parts, "\n\n")
end

--- BLOCKS as Markdown (blocks made with opts.markdown).
function clean.markdown(blocks)
  local parts = {}
  for _, b in ipairs(blocks) do
    local md = b.markdown or b.text
    if md ~= "" then parts[#parts + 1] = md end
  end
  return table.concat(parts, "\n\n")
end

-- ---- record methods ----------------------------------------------------

local Record = record.Record

local function cache_key(opts)
  if not opts then return "" end
  local p = opts.profile
  return string.format("%s|%s|%s|%s", type(p) == "table" and tostring(p) or tostring(p or "auto"),
    tostring(opts.generic ~= false), tostring(opts.explain and true or false),
    tostring(opts.markdown and true or false))
end

-- Sets the fields cleaning lifted into REPORT on record REC: rec.origin,
-- rec.editor (and others), rec.images and rec.links.
local function adopt(rec, report)
  for k, v in pairs(report.meta) do
    if k ~= "author" and k ~= "title" and rawget(rec, k) == nil then rec[k] = v end
  end
  rec.images, rec.links = report.images, report.links
end

-- The article of a record read back from JSON Lines (rec.cleaned): the
-- blocks as written (kind, text, html, level, items, image fields; a block
-- without html gets a paragraph's), else the text's paragraphs, and a
-- report with nothing removed. Made on first use, whatever the options:
-- there is no body to clean again.
local function given(rec)
  local a = rawget(rec, "_article")
  if not a or a.blocks then return a end
  local blocks = {}
  for _, w in ipairs(a.written or {}) do
    if type(w) == "table" and type(w.text) == "string" then
      local b = {kind = type(w.kind) == "string" and w.kind or "para", text = w.text}
      b.html = type(w.html) == "string" and w.html or "<p>" .. escape_html(w.text) .. "</p>"
      b.level = type(w.level) == "number" and math.tointeger(w.level) or nil  -- JSON gives floats
      if type(w.items) == "table" then b.items, b.ordered = w.items, w.ordered == true end
      if b.kind == "image" then
        b.src, b.alt, b.caption = w.src, w.alt, w.caption
      end
      blocks[#blocks + 1] = b
    end
  end
  if not a.written and a.text then
    for para in (a.text .. "\n\n"):gmatch("(.-)\n\n+") do
      if para ~= "" then
        blocks[#blocks + 1] = {kind = "para", text = para, html = "<p>" .. escape_html(para) .. "</p>"}
      end
    end
  end
  a.text = a.text or clean.text(blocks)
  a.blocks = blocks
  a.report = {counts = {}, meta = {}, removed = {}, links = {},
              images = type(rec.images) == "table" and rec.images or {}}
  return a
end

--- Cleans the record once (per set of options) and caches the result;
-- sets rec.origin, rec.editor (and other lifted fields), rec.images and
-- rec.links. Returns blocks, report. A record read back from JSON Lines
-- (rec.cleaned) returns the article it carries.
function Record:clean(opts)
  local a = given(self)
  if a then return a.blocks, a.report end
  local key = cache_key(opts)
  local c = rawget(self, "_clean")
  if c and c.key == key then return c.blocks, c.report end
  local blocks, report = clean.clean(self, opts)
  adopt(self, report)
  self._clean = {key = key, blocks = blocks, report = report}
  return blocks, report
end

--- Cleans the record as rec:clean does (its fields set the same way), but
-- hands the kept blocks as the walk made them to WITH(raw, report, doc)
-- (see clean.clean_with) and caches nothing; returns WITH's result. A
-- record read back from JSON Lines hands WITH its article's blocks, as
-- rec:blocks() returns them, and no document.
function Record:clean_with(opts, with)
  local a = given(self)
  if a then return (with(a.blocks, a.report, nil)) end
  return (clean.clean_with(self, opts, function(raw, report, doc)
    adopt(self, report)
    return with(raw, report, doc)
  end))
end

--- The cleaned text: blocks joined by blank lines.
function Record:text()
  local a = given(self)
  if a then return a.text end
  local c = rawget(self, "_clean")
  return clean.text(c and c.blocks or (self:clean()))
end

--- The cleaned blocks.
function Record:blocks()
  local a = given(self)
  if a then return a.blocks end
  local c = rawget(self, "_clean")
  return c and c.blocks or (self:clean())
end

--- The cleaned article as Markdown.
function Record:markdown()
  local a = given(self)
  if a then return clean.markdown(a.blocks) end
  local c = rawget(self, "_clean")
  if not (c and c.blocks[1] == nil or c and c.blocks[1].markdown) then
    self:clean({markdown = true})
    c = rawget(self, "_clean")
  end
  return clean.markdown(c.blocks)
end

return setmetatable(clean, {__call = function(_, input, opts) return clean.clean(input, opts) end})
