-- Lifetime stress for quire.dom, meant for the ASan build
-- (cmake -DQUIRE_SANITIZE=ON): nodes that outlive their record, removal
-- while walking, early closes, and collectgarbage() in loops. Any
-- use-after-free or leak shows up as a sanitizer report.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local dom = quire.dom
local corpus = check.corpus()

local kept, closed_nodes, removed = {}, {}, {}
local n = 0
for rec in quire.open(corpus) do
  n = n + 1
  local doc = rec:dom()
  local ps = doc:select("p")
  -- keep a few nodes after the record and its document are unreachable
  local keep = ps[1]
  -- remove every other element while walking; keep some removed nodes
  local i = 0
  doc:walk(function(node)
    if node.type == "element" and node.tag ~= "html" and node.tag ~= "body" then
      i = i + 1
      if i % 2 == 0 then
        if #removed < 200 then removed[#removed + 1] = node end
        return "remove"
      end
    elseif node.type == "comment" then
      return "remove"
    end
  end)
  -- edits on what is left
  for _, p in ipairs(doc:select("p")) do
    if p.parent then p:unwrap() end
  end
  local d = doc:select1("div")
  if d then
    d:append("<p>added <b>x</b></p>")
    d:set_text("replaced")
  end
  -- the text after the edits is what the kept node must still give
  if keep then kept[#kept + 1] = {node = keep, text = keep:text()} end
  -- every third document closed early, its nodes kept to be checked
  if n % 3 == 0 then
    local any = doc:select1("*")
    doc:close()
    if any then closed_nodes[#closed_nodes + 1] = any end
  end
  if n % 10 == 0 then collectgarbage() end
end
collectgarbage()
collectgarbage()

for _, k in ipairs(kept) do
  local ok, text = pcall(function() return k.node:text() end)
  if ok then
    check.eq(text, k.text, "a kept node still reads")
  else
    check.ok(tostring(text):find("document is closed", 1, true), "only a closed document may refuse")
  end
end
for _, node in ipairs(closed_nodes) do
  check.raises("document is closed", function() return node:html() end)
  check.raises("document is closed", function() return node.parent end)
end
for _, node in ipairs(removed) do
  local ok = pcall(function() return node:html(), node:text(), node:markdown(), node:select("*") end)
  check.ok(ok or true)
end
check.ok(n >= 150, "the whole corpus")
check.ok(#kept > 50, "nodes kept")
check.ok(#closed_nodes > 30, "documents closed early")

-- many short-lived documents and nodes
for round = 1, 300 do
  local doc = dom.parse(string.rep("<div><p>段落 " .. round .. "</p><span>x</span></div>", 20))
  local nodes = doc:select("p")
  nodes[1]:remove()
  nodes[2]:replace(nodes[1])
  nodes[3]:append(nodes[4])
  check.ok(#doc:select("p") == 19 or round ~= 1, "moves")
  if round % 2 == 0 then doc:close() end
  if round % 25 == 0 then collectgarbage() end
end
-- nodes referring to each other across removals, then the document dropped
do
  local doc = dom.parse("<div><ul><li>a</li><li>b</li></ul></div>")
  local ul, li = doc:select1("ul"), doc:select1("li")
  ul:remove()
  li:remove()
  ul:append(li)
  doc:select1("div"):append(ul)
  check.eq(doc:select1("div"):text(), "b\na")
end
collectgarbage()
-- deeply nested input: libxml2 stops at depth 256 and says so
do
  local deep = string.rep("<span>", 10000) .. "深" .. string.rep("</span>", 10000)
  local doc = dom.parse(deep, {errors = true})
  check.ok(doc.errors[1]:find("Excessive depth", 1, true), "depth limit reported")
  check.eq(#doc:select("span"), 255)
  check.eq(doc:text(), "")
  check.eq(doc:markdown(), "")
  check.eq(#doc:select("span span span"), 253)
  local inner = doc:select("span")[255]
  inner:set_text("深")
  check.eq(doc:text(), "深")
  doc:close()
end
-- close is a document's method: a node has none (it used to have one
-- that raised "quire.Document expected"), and closing twice is harmless
do
  local doc = dom.parse("<p>x</p>")
  local p = doc:select1("p")
  check.eq(p.close, nil)
  check.raises("method 'close'", function() return p:close() end)
  doc:close()
  doc:close()
  check.ok(doc:closed(), "a document closed twice stays closed")
  check.raises("document is closed", function() return p:text() end)
end
collectgarbage()
check.done()
