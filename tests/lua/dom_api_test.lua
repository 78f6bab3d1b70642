-- quire.dom's API: nodes, properties, queries, output, edits, lifetime.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local dom = quire.dom

local html = [[<div id="main" class="post body"><h2>标题</h2>
<p class="lead">第一段<b>加粗</b>文字。</p><p>Second <a href="http://x.cn/a">link</a> and <em>em</em>.</p>
<!-- note --><ul><li>one</li><li>two</li><li>three</li></ul></div>]]

-- parse, properties
local doc = dom.parse(html)
check.eq(doc.type, "document")
check.eq(doc.tag, nil)
check.eq(doc.root.tag, "html")
check.eq(doc.parent, nil)
check.eq(doc.errors, nil, "errors only when asked for")
local div = doc:select1("#main")
check.eq(div.tag, "div")
check.eq(div.type, "element")
check.eq(div:attr("class"), "post body")
check.eq(div:attr("nope"), nil)
check.same(div:attrs(), {id = "main", class = "post body"})
check.eq(tostring(div:select1("p.lead")), '<p class="lead"> 8 chars')
check.eq(div.parent.tag, "body")
check.ok(div.parent.parent.parent == doc, "html's parent is the document")
check.eq(doc:select1("DIV > H2"):text(), "标题", "type selectors ignore case")

-- identity
check.ok(doc:select1("p") == doc:select("p")[1], "== compares the node")
check.ok(doc:select1("p") ~= doc:select("p")[2])
check.ok(doc:select1("p") ~= dom.parse(html):select1("p"), "other document, other node")
check.ok(rawequal(doc:select1("h2").parent.parent.parent.parent, doc))

-- children, siblings
local ul = doc:select1("ul")
local kids = ul:children()
check.eq(#kids, 3)
local seen = {}
for c in ul:children() do seen[#seen + 1] = c:text() end
check.same(seen, {"one", "two", "three"})
check.eq(kids[2]:next():text(), "three")
check.eq(kids[2]:prev():text(), "one")
check.eq(kids[3]:next(), nil)
local all = div:children()
check.eq(all[1].type, "element")
check.eq(all[2].type, "text")
check.eq(#div:children("element"), 4)
check.eq(div:select1("p"):next("element").tag, "p")
check.eq(div:select1("h2"):next().type, "text")
local comment
for c in div:children() do if c.type == "comment" then comment = c end end
check.eq(comment:text{raw = true}, "")
check.eq(comment.tag, nil)

-- walk: order, skip, remove
local tags = {}
doc:walk(function(n) if n.tag then tags[#tags + 1] = n.tag end end)
check.eq(table.concat(tags, " "), "html body div h2 p b p a em ul li li li")
tags = {}
doc:walk(function(n)
  if n.tag == "p" then return false end
  if n.tag then tags[#tags + 1] = n.tag end
end)
check.eq(table.concat(tags, " "), "html body div h2 ul li li li")

-- queries
check.eq(#doc:select("p"), 2)
check.eq(#div:select("p, li"), 5)
check.eq(doc:select1("nothing"), nil)
check.eq(#doc:select("li:nth-child(odd)"), 2)
check.eq(doc:select1("li:last-child"):text(), "three")
check.eq(#doc:select("p:contains('link')"), 1)
check.eq(#doc:select("div:has(> ul)"), 1)
check.eq(#doc:select("p:not(.lead)"), 1)
check.eq(#doc:select("h2 + p"), 1)
check.eq(#doc:select("h2 ~ p"), 2)
check.eq(#doc:select("[class~=body]"), 1)
check.eq(#doc:select("a[href$='/A' i]"), 1)
check.eq(#doc:select("a[href$='/A']"), 0)
-- from a node: only subjects below it, the rest of the selector anywhere
local lead = doc:select1("p.lead")
check.eq(#lead:select("div b"), 1)
check.eq(#lead:select("p"), 0, "not the node itself")
check.ok(lead:matches("div > p.lead"))
check.ok(not lead:matches("li"))
-- xpath results by type
check.eq(doc:xpath("count(//li)"), 3)
check.eq(math.type(doc:xpath("count(//li)")), "integer")
check.eq(doc:xpath("string(//h2)"), "标题")
check.eq(doc:xpath("boolean(//ul)"), true)
check.eq(doc:xpath("1 div 2"), 0.5)
check.same(doc:xpath("//a/@href"), {"http://x.cn/a"})
check.eq(doc:xpath("//li")[2]:text(), "two")
check.eq(lead:xpath("string(b)"), "加粗")
check.eq(#lead:xpath("text()"), 2)
check.eq(lead:xpath("text()")[1].type, "text")
check.raises('bad XPath "//p[": invalid', doc.xpath, doc, "//p[")
check.raises("unknown function", doc.xpath, doc, "nope(1)")

-- selector errors quote the selector and point at the place
check.raises('bad selector "div >": expected a selector at position 6 (end)', doc.select, doc, "div >")
check.raises('bad selector "p:bogus": expected a supported pseudo-class at position 3', doc.select, doc, "p:bogus")
check.raises('bad selector "a[href=]"', doc.select, doc, "a[href=]")
check.raises('bad selector "p)": expected a selector at position 2 (")")', doc.select, doc, "p)")
check.raises('at position', doc.select, doc, "li:nth-child(2n+)")
check.raises("need a type selector", doc.select, doc, "*:nth-of-type(2)")
check.raises("a string expected", doc.select, doc, nil)
-- compiled once, cached
check.eq(dom.css_to_xpath("p"), "descendant::p")
check.ok(dom.css_to_xpath("div.x") == dom.css_to_xpath("div.x"))

-- text and output
check.eq(div:text(), "标题\n第一段加粗文字。\nSecond link and em.\none\ntwo\nthree")
check.eq(lead:html(), '<p class="lead">第一段<b>加粗</b>文字。</p>')
check.eq(lead:inner_html(), "第一段<b>加粗</b>文字。")
check.eq(div:markdown(),
  "## 标题\n\n第一段**加粗**文字。\n\nSecond [link](http://x.cn/a) and *em*.\n\n- one\n- two\n- three\n")
check.eq(dom.parse("<blockquote><p>q1</p><p>q2</p></blockquote><ol><li>a</li><li>b<ul><li>c</li></ul></li></ol>"):markdown(),
  "> q1\n>\n> q2\n\n1. a\n2. b\n   - c\n")
check.eq(dom.parse("<table><tr><th>名</th><th>值</th></tr><tr><td>a|b</td><td>1</td></tr><tr><td>x</td></tr></table>"):markdown(),
  "| 名 | 值 |\n| --- | --- |\n| a\\|b | 1 |\n| x |  |\n")
check.eq(dom.parse('<p><img src="i.png" alt="图"> <code>a_b</code> 1*2</p><pre>x  y\n z</pre><hr>'):markdown(),
  "![图](i.png) `a_b` 1\\*2\n\n```\nx  y\n z\n```\n\n---\n")

-- edits
local d2 = dom.parse(html)
local p1 = d2:select1("p.lead")
local b = p1:select1("b")
b:unwrap()
check.eq(p1:html(), '<p class="lead">第一段加粗文字。</p>')
check.eq(b.parent, nil, "an unwrapped node leaves the tree")
check.eq(b:text(), "", "its children moved out")
p1:set_attr("class", "x")
p1:set_attr("data-n", "1")
check.eq(p1:attr("class"), "x")
p1:set_attr("data-n", nil)
check.eq(p1:attr("data-n"), nil)
p1:set_text("新的 <文字>")
check.eq(p1:html(), '<p class="x">新的 &lt;文字&gt;</p>')
local added = p1:append("<i>斜</i>尾")
check.eq(added.tag, "i")
check.eq(p1:text(), "新的 <文字>斜尾")
local li2 = d2:select("li")[2]
li2:remove()
check.eq(#d2:select("li"), 2)
check.eq(li2.parent, nil)
check.eq(li2:text(), "two", "a removed node stays usable")
d2:select1("ul"):append(li2)
check.eq(d2:select1("ul"):text(), "one\nthree\ntwo", "and can go back in")
local h2 = d2:select1("h2")
local new = h2:replace("<h3>新标题</h3><p>x</p>")
check.eq(new.tag, "h3")
check.eq(#d2:select("h2"), 0)
check.eq(d2:select1("div"):children("element")[2].tag, "p")
check.raises("cannot go inside itself", function() d2:select1("ul"):append(d2:select1("div")) end)
check.raises("another document", function() d2:select1("ul"):append(doc:select1("li")) end)
check.raises("cannot remove the document", function() d2:remove() end)
-- walk removing nodes as it goes
d2:walk(function(n) if n.tag == "li" or n.type == "comment" then return "remove" end end)
check.eq(#d2:select("li"), 0)
check.eq(d2:select1("ul"):html(), "<ul></ul>")

-- lifetime: closing, __close, nodes outliving everything else
local kept
do
  local d3 <close> = dom.parse("<p>x</p>")
  kept = d3:select1("p")
  check.eq(kept:text(), "x")
end
check.raises("document is closed", function() return kept:text() end)
check.raises("document is closed", function() return kept.tag end)
check.eq(tostring(kept), "quire.Node (document closed)")
local orphan = dom.parse("<div><p>survivor</p></div>"):select1("p")
collectgarbage()
collectgarbage()
check.eq(orphan:text(), "survivor", "a node keeps its document alive")
check.eq(orphan.parent.parent.parent.parent.type, "document")
local d4 = dom.parse("<p>a</p>")
d4:close()
d4:close()
check.ok(d4:closed())
check.raises("document is closed", d4.select, d4, "p")

-- parse errors when asked; the same bytes give the same tree
local d5 = dom.parse("<div><p>a</span></div>", {errors = true})
check.eq(#d5.errors, 1)
check.eq(d5.errors[1], "line 1: Unexpected end tag : span")
check.eq(d5:html(), dom.parse("<div><p>a</span></div>"):html())
check.eq(dom.parse(""):html(), "")
check.raises("string expected", dom.parse, nil)

-- records: rec:dom() parses once, again after a close
local rec = quire.record.parse("---\ntitle: t\n---\n<p>正文</p>", "x.md")
local rd = rec:dom()
check.ok(rawequal(rd, rec:dom()), "cached")
check.eq(rd:text(), "正文")
rd:close()
check.eq(rec:dom():text(), "正文", "a closed cache is parsed again")
check.eq(quire.record.parse("---\ntitle: t\n---\n", "y.md"):dom():text(), "")

-- text_stats counts and fold replaces what the cleaner's patterns did, also on stray
-- bytes: compared with the patterns over random strings of the bytes
-- that matter (the scripts behind leads E0, E1 and EA..ED, which the
-- patterns never counted well, by the examples before)
do
  local C = require "quire.c.dom"
  local function lua_stats(text)
    local _, cjk = text:gsub("[\227-\233][\128-\191][\128-\191]", "")
    local _, words = text:gsub("[%w\192-\223][%w\128-\223'%-]*", "")
    local _, a = text:gsub("[,;!?]", "")
    local _, b = text:gsub("\239\188[\140\155\129\159]", "")
    local _, c = text:gsub("\227\128[\129\130]", "")
    local _, d = text:gsub("%.%s", "")
    local wide = (text:find("\239\188[\154\136\137\143]") or text:find("\239\189\156", 1, true)
      or text:find("\227\128\128", 1, true)) and true or false
    return cjk + words, a + b + c + d, wide
  end
  local FOLD = {["\239\188\154"] = ":", ["\239\189\156"] = "|", ["\239\188\136"] = "(",
    ["\239\188\137"] = ")", ["\239\188\143"] = "/", ["\227\128\128"] = " "}
  check.same({C.text_stats("中文，English. 对吗？")}, {5, 3, false})
  check.same({C.text_stats("来源：新华社")}, {5, 0, true})
  -- scripts behind leads E0, E1, EA..ED: words where words are spaced,
  -- letters where they are not, combining marks never; 2-byte letters
  -- (Cyrillic, Greek, accented Latin) go on with a word
  check.same({C.text_stats("한국어 기사입니다.")}, {2, 0, false}, "Hangul: a unit per word")
  check.same({C.text_stats("यह एक समाचार है। दूसरा वाक्य।")}, {6, 2, false}, "Devanagari words and dandas")
  check.same({C.text_stats("ข่าววันนี้ดีมาก")}, {10, 0, false}, "Thai letters, not its vowel and tone marks")
  check.same({C.text_stats("Việt Nam, một quốc gia")}, {5, 1, false}, "Vietnamese letters inside words")
  check.same({C.text_stats("Привет, мир. Café")}, {3, 2, false}, "Cyrillic and accented words")
  check.same({C.text_stats("ნ ሰላም ꀀꀁ")}, {4, 0, false}, "Georgian and Ethiopic words, Yi syllables")
  check.raises("string expected", C.text_stats, nil)
  local pieces = {"中", "，", "。", "、", "：", "（", "）", "／", "｜", "\227\128\128", "！", "？", "；",
    "a", "Z", "9", "'", "-", ".", " ", "\n", "\t", ",", ";", "!", "?", "é", "\227", "\239\188",
    "\128", "\191", "\192", "\233\128", "\239", "\189", "x-y", "\v", "—", "\226\128",
    "\238\128\128", "Ж", "ß"}
  local seed = 12345
  local function rand(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n + 1 end
  for _ = 1, 3000 do
    local parts = {}
    for i = 1, rand(12) do parts[i] = pieces[rand(#pieces)] end
    local s = table.concat(parts)
    check.same({C.text_stats(s)}, {lua_stats(s)}, s)
    check.eq(C.fold(s), (s:gsub("\239\188[\154\136\137\143]", FOLD):gsub("\239\189\156", "|")
      :gsub("\227\128\128", " ")), s)
  end
  check.eq(C.fold("来源：新华社（北京）\227\128\128a／b｜c"), "来源:新华社(北京) a/b|c")
  check.eq(C.fold(""), "")
end

-- node:scan(set): element and text children with tag and flags
-- (1: has attributes, 2: an element child whose tag is in the set)
do
  local sd = dom.parse([[<div id="s">lead<span class="x"><p>in</p></span><!-- c --><b>bold</b><div><i>i</i></div>tail</div>]])
  local s = sd:select1("#s")
  local nodes, tags, flags = s:scan({p = true, div = true})
  check.eq(#nodes, 5, "the comment is left out")
  check.same(tags, {false, "span", "b", "div", false})
  check.same(flags, {0, 1 | 2, 0, 0, 0})
  check.eq(nodes[1]:text(), "lead")
  check.ok(nodes[2] == s:select1("span"))
  check.eq(nodes[5].type, "text")
  local _, _, f2 = s:scan({i = true})
  check.same(f2, {0, 1, 0, 2, 0})
  check.eq(#sd:select1("b"):scan({}), 1, "a text child")
  check.eq(#s:select1("i").parent:scan({}), 1)
  check.same({#select(1, sd:scan({}))}, {1}, "the document's one child, <html>")
  check.raises("table expected", s.scan, s)
  sd:close()
  check.raises("document is closed", s.scan, s, {})
end

-- node:attr_values(name, ...): what attrs() holds under those names
do
  local ad = dom.parse([[<p id="a" class="x  y" hidden>t</p>]])
  local p = ad:select1("p")
  check.same({p:attr_values("class", "id", "role", "hidden")}, {"x  y", "a", nil, ""})
  check.eq(select("#", p:attr_values("role", "style")), 2, "a value or nil per name")
  check.eq(select("#", p:attr_values()), 0)
  check.same({p.parent:attr_values("id")}, {nil})
  check.raises("string expected", p.attr_values, p, {})
  ad:close()
  check.raises("document is closed", p.attr_values, p, "id")
end

-- node:classes(): the class names at and below a node
do
  local cd = dom.parse([[<div class=" a  b	c"><p class="b d">x</p><span class="">y</span></div><i class="e">z</i>]])
  check.same(cd:classes(), {a = true, b = true, c = true, d = true, e = true})
  check.same(cd:select1("p"):classes(), {b = true, d = true})
  check.same(cd:select1("span"):classes(), {})
  cd:close()
end

-- node:select_simple(steps): what the XPath css.lua makes of a simple
-- selector selects, compared on random documents
do
  local seed = 99
  local function rand(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n + 1 end
  local tags, classes = {"div", "p", "span", "a"}, {"a", "b", "c", "a-b"}
  local function tree(depth)
    local parts = {}
    for _ = 1, rand(3) do
      local tag = tags[rand(#tags)]
      local cls = {}
      for _ = 1, rand(3) - 1 do cls[#cls + 1] = classes[rand(#classes)] end
      local sep = ({" ", "  ", "\t", "\n "})[rand(4)]
      local attr = #cls > 0 and (' class="' .. sep .. table.concat(cls, sep) .. '"') or ""
      parts[#parts + 1] = "<" .. tag .. attr .. ">" .. (depth > 0 and tree(depth - 1) or "t") .. "</" .. tag .. ">"
    end
    return table.concat(parts)
  end
  local function compound()
    local c = rand(2) == 1 and tags[rand(#tags)] or ""
    for _ = 1, (c == "" and 1 or 0) + rand(2) - 1 do c = c .. "." .. classes[rand(#classes)] end
    return c
  end
  for _ = 1, 300 do
    local sd = dom.parse("<body>" .. tree(4) .. "</body>")
    local sel = compound()
    for _ = 1, rand(3) - 1 do sel = sel .. (rand(2) == 1 and " " or " > ") .. compound() end
    local steps = {}
    for sep, comp in sel:gmatch("(%s*>?%s*)([^%s>]+)") do
      local st = {tag = comp:match("^%a+"), child = sep:find(">", 1, true) ~= nil}
      for c in comp:gmatch("%.([%w_%-]+)") do st[#st + 1] = c end
      steps[#steps + 1] = st
    end
    local want, got = sd:select(sel), sd:select_simple(steps)
    check.eq(#got, #want, sel)
    for i = 1, #want do check.ok(got[i] == want[i], sel .. " #" .. i) end
    sd:close()
  end
  local sd = dom.parse("<div class='x'><p class='y'>1</p></div>")
  check.raises("1 to 8 compounds expected", sd.select_simple, sd, {})
  -- node:select_any_class(names): what the group ".a, .b, ..." selects,
  -- less the elements inside another match
  local function inside(n, list)
    local a = n.parent
    while a do
      for _, m in ipairs(list) do if a == m then return true end end
      a = a.parent
    end
    return false
  end
  for _ = 1, 200 do
    local rd = dom.parse("<body>" .. tree(4) .. "</body>")
    local names, group = {}, {}
    for i = 1, rand(3) do
      names[i] = classes[rand(#classes)]
      group[i] = "." .. names[i]
    end
    local all, want = rd:select(table.concat(group, ", ")), {}
    for _, n in ipairs(all) do
      if not inside(n, all) then want[#want + 1] = n end
    end
    local got = rd:select_any_class(names)
    check.eq(#got, #want, table.concat(group, ", "))
    for i = 1, #want do check.ok(got[i] == want[i], table.concat(group, ", ") .. " #" .. i) end
    rd:close()
  end
end

-- node:clean_blocks(cfg, st, sh): the cleaner's walk into the document's
-- article (dom.art_begin in quire.c.dom, art_shadow for the shadow it starts in,
-- art_blocks for the blocks as tables; quire.clean runs it and
-- tests/lua/clean_*_test.lua check what comes out of the whole)
do
  local cdom = require "quire.c.dom"
  local function set(list) local s = {} for _, v in ipairs(list) do s[v] = true end return s end
  local removed = {}
  local cfg = {invisible = set {"script"}, furniture = set {"nav"}, strong = set {"share"},
    weak = set {"meta"}, positive = set {"content"}, roles = {navigation = true},
    leaf = set {"p", "h2", "blockquote"}, block = set {"div", "p", "h2", "ul", "li", "img", "br",
    "blockquote", "nav", "table", "tr", "td"},
    no_hints = set {"p"},
    removal = function(st, rule, node, path, text) removed[#removed + 1] = {rule, path, text} end}
  local bd = dom.parse([[<div id="c" class="mainContent"><h2>Title <a href="https://t.cn/">t</a></h2>
<script>x()</script><nav>menu</nav><div class="shareBar">share this</div>
<p>One.<br>Two.</p>lead <b>bold</b><img src="i.png" alt="A"><ul><li>a</li><li> </li><li>b</li></ul>
<div role="navigation">n</div><div style="DISPLAY: none">h</div><span class="meta">m</span></div>]])
  local root = bd:select1("#c")
  cdom.art_begin(bd)
  local sh = cdom.art_shadow(bd, "div", 1, 0, root)
  local st = {counts = {}, body_bytes = 1000}
  root:clean_blocks(cfg, st, sh)
  local blocks = cdom.art_blocks(bd, "all", true)
  local kinds = {}
  for i, b in ipairs(blocks) do kinds[i] = b.kind .. ":" .. b.text end
  -- a run's text is read as one, so the space in "lead " stays between
  -- it and <b>bold</b> (it once became "leadbold")
  check.same(kinds, {"heading:Title t", "para:One.", "para:Two.", "para:lead bold",
    "image:", "list:a\nb"})
  local b = blocks
  check.eq(b[1].level, 2)
  check.same(b[1].links, {{href = "https://t.cn/", text = "t"}})
  check.eq(b[1].ld, 1 / 7)
  check.ok(b[1].node == root:select1("h2") and b[1].sh.node == root and b[1].sh.depth == 0)
  check.eq(b[1].sh, b[2].sh, "one table per shadow")
  check.eq(b[1].units, 2)
  check.eq(b[2].measured, "One.")
  check.ok(b[2].split and b[2].html == "<p>One.</p>" and b[3].links[1] == nil)
  check.eq(b[4].html, "<p>lead <b>bold</b></p>")
  check.eq(#b[4].nodes, 2)
  check.eq(b[4].node, nil)
  check.same({b[5].src, b[5].alt, b[5].ld}, {"i.png", "A", 0})
  check.same(b[6].items, {"a", "b"})
  check.eq(b[6].ordered, false)
  check.same(st.counts, {["generic:invisible(script)"] = 1, ["generic:furniture(nav)"] = 1,
    ["generic:class(share)"] = 1, ["generic:role(navigation)"] = 1, ["generic:hidden"] = 1,
    ["generic:class(meta)"] = 1})
  check.eq(#removed, 0, "removal() only with explain")
  check.eq(root:select1("script"), nil, "pruned nodes leave the document")
  -- with explain: removal() gets the rule, path and text
  local ed = dom.parse([[<div><nav>menu</nav><div><p>x</p><div class="share">s</div></div></div>]])
  local top = ed:select1("div")
  local est = {counts = {}, explain = true, body_bytes = 1000}
  cdom.art_begin(ed)
  top:clean_blocks(cfg, est, cdom.art_shadow(ed, "div", 1, 0, top, "/d[1]"))
  check.same(removed, {{"generic:furniture(nav)", "/d[1]/nav[1]", "menu"},
    {"generic:class(share)", "/d[1]/div[1]/div[1]", "s"}})
  local eb = cdom.art_blocks(ed, "all", true)
  check.eq(eb[1].path, "/d[1]/div[1]/p[1]")
  check.eq(eb[1].sh.parent.path, "/d[1]")
  check.eq(eb[1].sh.depth, 1)
  -- st.body_bytes nil: the walk measures the document's text itself,
  -- before its own removals: a 160-byte share bar is under 60% of the
  -- whole (nav 300 + p 100 + 160), not of what is left without the nav
  local ld = dom.parse("<div><nav>" .. ("n"):rep(300) .. "</nav><p>" .. ("p"):rep(100)
    .. "</p><div class=\"share\">" .. ("s"):rep(160) .. "</div></div>")
  local lst = {counts = {}}
  local ltop = ld:select1("div")
  cdom.art_begin(ld)
  ltop:clean_blocks(cfg, lst, cdom.art_shadow(ld, "div", 1, 0, ltop))
  check.eq(lst.counts["generic:class(share)"], 1, "measured before the walk's removals")
  check.eq(#ld:text(), 100, "nav and share bar gone once the walk ends")
  ld:close()
  -- wrappers: a small <form> goes, one holding most of the text is walked;
  -- readers' comments by microdata go whatever their size
  local wcfg = setmetatable({wrappers = set {"form"}, comment_types = set {"Comment"}},
    {__index = cfg})
  local wd = dom.parse("<div><form><label>Search</label></form><form>" .. ("<p>" .. ("w"):rep(90)
    .. "</p>"):rep(3) .. "</form><div itemscope itemtype=\"https://schema.org/Comment\"><p>"
    .. ("c"):rep(200) .. "</p></div><div itemprop=\"author comment\"><p>c2</p></div>"
    .. "<div itemtype=\"http://schema.org/Person\" itemprop=\"author\"><p>kept</p></div></div>")
  local wst = {counts = {}, body_bytes = 300}
  local wtop = wd:select1("div")
  cdom.art_begin(wd)
  wtop:clean_blocks(wcfg, wst, cdom.art_shadow(wd, "div", 1, 0, wtop))
  check.same(wst.counts, {["generic:wrapper(form)"] = 1, ["generic:comment(microdata)"] = 2})
  local wblocks = cdom.art_blocks(wd, "all")
  check.eq(#wblocks, 4, "the big form's three paragraphs and the Person's")
  check.eq(wblocks[4].text, "kept")
  wd:close()
  -- without the two optional sets (a generic.lua ejected before them)
  local od = dom.parse("<div><form><p>f</p></form></div>")
  local ost = {counts = {}, body_bytes = 100}
  local otop = od:select1("div")
  cdom.art_begin(od)
  otop:clean_blocks(cfg, ost, cdom.art_shadow(od, "div", 1, 0, otop))
  check.eq(cdom.art_blocks(od, "all")[1].text, "f")
  od:close()
  -- documents built through the API may nest deeper than the parser's
  -- 256 levels: the walk stops with an error past 10,000, not a crash
  local dd = dom.parse("<div id=r></div>")
  local deep = dd:select1("#r")
  for i = 1, 10001 do
    deep:append("<div>x" .. i .. "</div>")
    local kids = deep:children("element")
    deep = kids[#kids]
  end
  local droot = dd:select1("#r")
  cdom.art_begin(dd)
  check.raises("document nested deeper than 10000 elements", droot.clean_blocks, droot, cfg,
    {counts = {}}, cdom.art_shadow(dd, "div", 1, 0, droot))
  dd:close()
  check.raises("number expected", top.clean_blocks, top, cfg, est)
  check.raises("word and tag sets expected", top.clean_blocks, top, {}, est, 0)
  check.raises("a shadow of the document expected", top.clean_blocks, top, cfg, est, 99)
  ed:close()
  bd:close()
end

-- json_quote: what quire clean's JSON encoder (cjson, then "\/" -> "/")
-- gives for a string, over every byte and random mixes
do
  local C = require "quire.c.dom"
  local cjson = require("cjson").new()
  local function want(s) return (cjson.encode(s):gsub("\\/", "/")) end
  for b = 0, 255 do
    local s = string.char(b)
    check.eq(C.json_quote(s), want(s), "byte " .. b)
  end
  check.eq(C.json_quote(""), '""')
  -- json_join: raw pieces and quoted ones in turn, as concat would join them
  check.eq(C.json_join({"{", false, '"a":', "x\n/y", "}", false}, 6), '{"a":"x\\n/y"}')
  check.eq(C.json_join({"[", "\0", "]"}, 3), '["\\u0000"]')
  check.eq(C.json_join({"a", "b", "c"}, 2), 'a"b"', "only the first N")
  check.eq(C.json_join({}, 0), "")
  check.raises("piece 1 is not a string", C.json_join, {1}, 1)
  check.raises("piece 2 is not a string or false", C.json_join, {"a", true}, 2)
  do
    local pieces, want = {}, {}
    for i = 1, 400 do
      local s = ("\0x\n\"/中"):rep(i % 7) .. ("y"):rep(i)  -- more escapes than the room guessed
      pieces[#pieces + 1], pieces[#pieces + 2] = ",", s
      want[#want + 1] = "," .. C.json_quote(s)
    end
    check.eq(C.json_join(pieces, #pieces), table.concat(want))
  end
  -- longer runs go eight bytes at a time: every byte at every offset
  for b = 0, 255 do
    for at = 1, 17 do
      local s = ("x"):rep(at - 1) .. string.char(b) .. ("y"):rep(17 - at)
      check.eq(C.json_quote(s), want(s), "byte " .. b .. " at " .. at)
    end
  end
  check.eq(C.json_quote('<a href="/x">中\\/</a>\n'), '"<a href=\\"/x\\">中\\\\/</a>\\n"')
  local pieces = {"\\", "/", '"', "\n", "\0", "\127", "\31", "中", "a", "\\/", "\255"}
  local seed = 777
  local function rand(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n + 1 end
  for _ = 1, 2000 do
    local parts = {}
    for i = 1, rand(10) do parts[i] = pieces[rand(#pieces)] end
    local s = table.concat(parts)
    check.eq(C.json_quote(s), want(s), s)
  end
  check.raises("string expected", C.json_quote, {})
end
-- node:link_stats: one walk over what descendant-or-self::a|.//img selects
do
  local ld = dom.parse([[<div id="x"><a href="https://a.cn/1"> 第一 </a><img src="1.png">
<p>text <a href="/rel">相对</a> <a href="http://b.cn">http://b.cn</a> <a> www.c.cn</a></p>
<a href="https://d.cn"><img src="2.png"><b>粗</b></a><script><a href="http://e.cn">e</a></script></div>]])
  local x = ld:select1("#x")
  local bytes, links, imgs = x:link_stats()
  -- the same by XPath and node calls, as the cleaner did before
  local want_bytes, want_links, want_imgs = 0, {}, {}
  for _, a in ipairs(x:xpath("descendant-or-self::a|.//img")) do
    if a.tag == "img" then
      want_imgs[#want_imgs + 1] = a
    else
      local t = a:text()
      if not t:find("^%s*https?://") and not t:find("^%s*www%.") then want_bytes = want_bytes + #t end
      local href = a:attr("href")
      if href and href:match("^https?://") then want_links[#want_links + 1] = {href = href, text = t} end
    end
  end
  check.eq(bytes, want_bytes)
  check.eq(bytes, #"第一" + #"相对" + #"粗", "a <script> holds text, not elements")
  check.same(links, want_links)
  check.eq(#links, 3)
  check.eq(links[1].text, "第一", "the text is the node's visible text")
  check.eq(#imgs, 2)
  check.ok(imgs[1] == want_imgs[1] and imgs[2] == want_imgs[2])
  local a = ld:select1("a")
  local b1, l1, i1 = a:link_stats()
  check.eq(b1, #"第一", "the node itself counts when it is an <a>")
  check.eq(#l1, 1)
  check.eq(#i1, 0)
  check.eq(#select(3, ld:select1("img"):link_stats()), 0, "an <img> itself is not below itself")
  check.eq((ld:link_stats()), bytes, "from the document")
  ld:close()
  check.raises("document is closed", a.link_stats, a)
end
check.done()
