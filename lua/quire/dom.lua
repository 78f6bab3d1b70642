--- quire.dom: HTML documents and nodes (libxml2's HTML parser underneath).
--
--   local doc = quire.dom.parse(html[, {errors = true}])
--   for _, p in ipairs(doc:select("div.article > p")) do print(p:text()) end
--
-- Nodes: node.tag (lower case, nil unless an element), node.type
-- ("element", "text", "comment", "document", "doctype"), node.parent,
-- node:attr(name), node:attrs(), node:set_attr(name, value|nil),
-- node:children([kind]) (an array that is also an iterator:
-- `for c in node:children() do`), node:first([kind]), node:next([kind]),
-- node:prev([kind]) (kind "element" skips text and comments), node:walk(fn),
-- node:select(css), node:select1(css), node:matches(css), node:xpath(expr),
-- node:text([{raw = true}]), node:html(), node:inner_html(),
-- node:markdown(), node:remove(), node:unwrap(), node:replace(html|node),
-- node:append(html|node), node:set_text(s). `==` compares identity.
-- Documents are nodes too, plus doc.root, doc.errors (with {errors =
-- true}), doc:close() (also `local doc <close> = ...`) and doc:closed().
-- Nodes keep their document alive; after doc:close() they raise
-- "document is closed".

local C = require "quire.c.dom"
local css = require "quire.css"

local dom = {}
local methods = C.methods

-- Compiled XPath objects by expression text, shared by select and xpath.
local compiled, ncompiled = {}, 0

local function compile(expr)
  local c = compiled[expr]
  if c then return c end
  local err
  c, err = C.compile(expr)
  if not c then error(err, 3) end
  if ncompiled >= 4096 then compiled, ncompiled = {}, 0 end
  compiled[expr], ncompiled = c, ncompiled + 1
  return c
end

--- Parses HTML (a UTF-8 string). opts.errors = true keeps the parser's
-- complaints in doc.errors ("line N: message" strings).
function dom.parse(html, opts)
  if type(html) ~= "string" then
    error("bad argument #1 to 'parse' (string expected, got " .. type(html) .. ")", 2)
  end
  return C.parse(html, opts and opts.errors)
end

--- The XPath a CSS selector compiles to (for select, from a context node).
function dom.css_to_xpath(sel)
  return css.select(sel)
end

--- Elements below the node matching CSS selector SEL, in document order.
function methods:select(sel)
  return C.eval(self, compile(css.select(sel)))
end

--- The first element below the node matching SEL, or nil.
function methods:select1(sel)
  return C.eval(self, compile(css.first(sel)))[1]
end

--- Whether the node itself matches SEL.
function methods:matches(sel)
  return C.eval(self, compile(css.matches(sel)))
end

--- Evaluates XPath EXPR with the node as context: an array of nodes
-- (attribute values as strings), or a string, number or boolean.
function methods:xpath(expr)
  return C.eval(self, compile(expr))
end

local Children = {}
-- Calling the array steps through it, so it also serves as an iterator.
function Children.__call(t)
  local i = (rawget(t, 0) or 0) + 1
  local v = t[i]
  t[0] = v ~= nil and i or nil
  return v
end

local raw_children = methods.children
--- Child nodes as an array that is also an iterator; KIND "element" keeps
-- only elements.
function methods:children(kind)
  return setmetatable(raw_children(self, kind), Children)
end

local first, next_sibling = methods.first, methods.next

-- Visits NODE and below; the next sibling is read before a node is visited,
-- so fn may remove the node it is given.
local function walk(node, fn)
  local r = fn(node)
  if r == "remove" then
    node:remove()
    return
  elseif r == false then
    return
  end
  local c = first(node)
  while c do
    local nxt = next_sibling(c)
    walk(c, fn)
    c = nxt
  end
end

--- Depth-first walk calling fn(node) on the node and every node below it;
-- fn returns false to skip a subtree or "remove" to drop the node.
function methods:walk(fn)
  if type(fn) ~= "function" then
    error("bad argument #1 to 'walk' (function expected, got " .. type(fn) .. ")", 2)
  end
  walk(self, fn)
end

return dom
