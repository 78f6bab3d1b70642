-- node:text() over the whole corpus against tests/data/dom/text.golden
-- (regenerate after a deliberate change with QUIRE_REGEN=1, then read the
-- diff), and the Sina finance posts' paragraphs in detail.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"

local tests = os.getenv("QUIRE_TESTS")
local corpus = check.corpus()
local golden_path = tests .. "/data/dom/text.golden"
local MARK = "\x1e== "

local texts, order = {}, {}
for rec in quire.open(corpus) do
  local rel = rec.path:sub(#corpus + 2)
  texts[rel] = rec:dom():text()
  order[#order + 1] = rel
end
table.sort(order)
check.ok(#order >= 150, "the whole corpus")

if os.getenv("QUIRE_REGEN") then
  local f = assert(io.open(golden_path, "w"))
  for _, rel in ipairs(order) do f:write(MARK, rel, "\n", texts[rel], "\n") end
  f:close()
  print("wrote " .. golden_path)
end

local f = assert(io.open(golden_path))
local all = f:read("a")
f:close()
local golden, count = {}, 0
for rel, text in (all .. MARK):gmatch(MARK .. "([^\n]*)\n(.-)\n%f[\x1e]") do
  golden[rel] = text
  count = count + 1
end
check.eq(count, #order, "posts in the golden file")
for _, rel in ipairs(order) do
  check.eq(texts[rel], golden[rel], rel)
end

-- Sina finance: Chinese paragraphs with no stray spaces, nothing of the
-- <style> block (whose braces are written &#123; &#125;), no entity left.
local cjk = "[\228-\233][\128-\191][\128-\191]"
local sina, paragraphs = 0, 0
for rec in quire.open(corpus .. "/source/_posts/金融/新浪财经") do
  sina = sina + 1
  local doc = rec:dom()
  check.ok(doc:text{raw = true}:find("&#123;", 1, true), rec.path .. ": the style block holds &#123;")
  local text = doc:text()
  check.ok(not text:find("&#", 1, true), rec.path .. ": an entity left undecoded")
  check.ok(not text:find("appendQr", 1, true), rec.path .. ": style text leaked")
  for _, p in ipairs(doc:select("p")) do
    local t = p:text()
    if t:find(cjk) then
      paragraphs = paragraphs + 1
      -- a space between two Chinese characters must be one the source has
      -- (authors separate names so); a line break in the source is none
      local raw = p:text{raw = true}
      for a, b in t:gmatch("(" .. cjk .. ") +(" .. cjk .. ")") do
        check.ok(raw:find(a .. "[ \t\194\160]+" .. b),
          rec.path .. ": stray space between " .. a .. " and " .. b .. " in " .. t)
      end
      check.ok(not raw:find(cjk .. "[ \t\r]*\n") or not t:find(cjk .. " " .. cjk) or raw:find(cjk .. " " .. cjk),
        rec.path .. ": a source line break became a space: " .. t)
      check.ok(not t:find("^[ \t\n]") and not t:find("[ \t\n]$"), rec.path .. ": untrimmed: " .. t)
      check.ok(not t:find("\227\128\128", 1, true) or t:find(cjk .. "\227\128\128"),
        rec.path .. ": leading ideographic space kept: " .. t)
      check.ok(not t:find("\n", 1, true), rec.path .. ": a line break inside a paragraph")
    end
  end
end
check.ok(sina >= 10, "Sina posts found")
check.ok(paragraphs >= 50, "Sina paragraphs checked")

-- &#123;/&#125; in ordinary content decode to braces
local dom = quire.dom
local doc = dom.parse("<p>function f() &#123;</p><pre><code>x &#123;&#10;  y&#10;&#125;</code></pre>")
check.eq(doc:text(), "function f() {\nx {\n  y\n}")

-- line breaks inside Chinese text vanish; elsewhere they are spaces
check.eq(dom.parse("<p>中文\n句子</p><p>two\nwords</p>"):text(), "中文句子\ntwo words")
check.eq(dom.parse("<p>　　缩进的段落　</p>"):text(), "缩进的段落")
check.eq(dom.parse("<div><span>a</span><span>b</span></div>"):text(), "ab")
check.eq(dom.parse("<p>a<br>b<br><br>c</p><script>x</script><style>y</style><!-- z -->"):text(), "a\nb\nc")
check.eq(dom.parse("<ul><li>one</li><li>two</li></ul>"):text(), "one\ntwo")
check.eq(dom.parse("<p>a&nbsp;&nbsp;b</p>"):text(), "a b")
check.eq(dom.parse("<p> x <b> y </b> z </p>"):text(), "x y z")
check.eq(dom.parse("<p>x <!-- c --> y</p>"):text{raw = true}, "x  y")
check.eq(dom.parse(""):text(), "")
check.done()
