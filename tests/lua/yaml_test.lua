-- quire.yaml.load: how YAML becomes Lua values, and how bad YAML fails.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local yaml = quire.yaml

-- VALUE and its math.type ("integer", "float") or type.
local function typed(text)
  local doc, err = yaml.load("v: " .. text)
  if not doc then return "error: " .. err end
  local v = doc.v
  return v, math.type(v) or type(v)
end

-- Each row: YAML text, the Lua value, its kind.
for _, row in ipairs {
  -- null leaves the key out of a map
  {"~", nil, "nil"}, {"null", nil, "nil"}, {"Null", nil, "nil"}, {"NULL", nil, "nil"}, {"", nil, "nil"},
  {"true", true, "boolean"}, {"True", true, "boolean"}, {"TRUE", true, "boolean"},
  {"false", false, "boolean"}, {"False", false, "boolean"},
  -- YAML 1.1 booleans are not booleans in the 1.2 core schema
  {"yes", "yes", "string"}, {"no", "no", "string"}, {"on", "on", "string"}, {"off", "off", "string"},
  {"1", 1, "integer"}, {"-12", -12, "integer"}, {"+12", 12, "integer"}, {"0", 0, "integer"},
  {"00012", 12, "integer"}, {"0o17", 15, "integer"}, {"0x1F", 31, "integer"},
  {"9223372036854775807", math.maxinteger, "integer"},
  {"-9223372036854775808", math.mininteger, "integer"},
  {"9223372036854775808", 9223372036854775808.0, "float"},
  {"1.5", 1.5, "float"}, {".5", 0.5, "float"}, {"-1.", -1.0, "float"}, {"1e3", 1000.0, "float"},
  {"1.5e+3", 1500.0, "float"}, {".inf", math.huge, "float"}, {"-.Inf", -math.huge, "float"},
  -- not numbers in the core schema: they stay strings
  {"1_000", "1_000", "string"}, {"0b101", "0b101", "string"}, {"0x", "0x", "string"},
  {"-0x10", "-0x10", "string"}, {"1e", "1e", "string"}, {".", ".", "string"}, {"1e3x", "1e3x", "string"},
  {"0xFFFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFFF", "string"},
  -- timestamps stay strings (quire reads dates itself)
  {"2021-04-11 00:30:33", "2021-04-11 00:30:33", "string"},
  {"2001-12-14 21:59:43.10 -5", "2001-12-14 21:59:43.10 -5", "string"},
  {"2021-04-11", "2021-04-11", "string"},
  {"Mon, 09 Aug 2021 04:10:12 GMT", "Mon, 09 Aug 2021 04:10:12 GMT", "string"},
  -- quoted scalars are strings whatever they look like
  {"'1'", "1", "string"}, {'"true"', "true", "string"}, {"'~'", "~", "string"}, {"''", "", "string"},
  {'"a\\tb"', "a\tb", "string"}, {'"x\\0y"', "x\0y", "string"}, {'"\\u4E2D"', "中", "string"},
  -- explicit tags: !!str keeps text, other core tags resolve it
  {"!!str 12", "12", "string"}, {"!!str true", "true", "string"}, {"!!str ~", "~", "string"},
  {"!!int '12'", 12, "integer"}, {"!!float '1.5'", 1.5, "float"}, {"!custom 12", "12", "string"},
  {"新浪财经", "新浪财经", "string"},
} do
  local v, kind = typed(row[1])
  check.eq(v, row[2], row[1])
  check.eq(kind, row[3], row[1] .. " (kind)")
end
do
  local v = yaml.load("v: .nan").v
  check.ok(v ~= v, ".nan is NaN")
end

-- Whole documents: nil for empty, first document only, nulls in sequences.
check.eq(yaml.load(""), nil)
check.eq(yaml.load("# only a comment\n"), nil)
check.eq(yaml.load("hello"), "hello")
check.same(yaml.load("- a\n---\n- b"), {"a"})
do
  local list = yaml.load("- 1\n- ~\n- 3")
  check.eq(#list, 3)
  check.eq(list[2], yaml.null)
  check.eq(yaml.null, require("cjson").null)
end
check.same(yaml.load("a:\n  b: [1, 2]\n  c: {d: e}"), {a = {b = {1, 2}, c = {d = "e"}}})
-- keys are strings, even when they look like numbers
check.same(yaml.load("1: one\ntrue: yes"), {["1"] = "one", ["true"] = "yes"})
-- a nested category list as real archives have it
check.same(yaml.load("categories:\n -  - 资讯\n    - 36kr"), {categories = {{"资讯", "36kr"}}})

-- Anchors and aliases share the anchored value.
do
  local doc = yaml.load("a: &x [1, 2]\nb: *x\nc: &s text\nd: *s\ne: &n ~\nf: *n")
  check.same(doc.a, {1, 2})
  check.eq(doc.b, doc.a, "alias is the same table")
  check.eq(doc.d, "text")
  check.eq(doc.f, nil)
end

-- Errors: nil, message, line.
local function err_of(text, max)
  local v, msg, line = yaml.load(text, max)
  return string.format("%s|%s|%s", tostring(v), tostring(msg), tostring(line))
end
check.eq(err_of("a: [1"), "nil|did not find expected ',' or ']' while parsing a flow sequence|2")
check.eq(err_of("title: a\n\tb: 1"), "nil|found a tab character that violates indentation while scanning a plain scalar|2")
check.eq(err_of("\ttitle: a"), "nil|found character that cannot start any token while scanning for the next token|1")
check.eq(err_of("v: a: b"), "nil|mapping values are not allowed in this context|1")
check.eq(err_of("a: 1\n  b: 2"), "nil|mapping values are not allowed in this context|2")
check.eq(err_of("a: *nope"), "nil|undefined alias 'nope'|1")
check.eq(err_of("a: &a [1, *a]"), "nil|undefined alias 'a'|1")

-- A billion laughs: ten levels of ten aliases is 10^10 nodes. It must fail
-- fast, not hang or exhaust memory.
do
  local lines = {"a: &a [x, x, x, x, x, x, x, x, x, x]"}
  for i = 1, 9 do
    local name, prev = string.char(97 + i), string.char(96 + i)
    lines[#lines + 1] = string.format("%s: &%s [%s]", name, name,
      string.rep("*" .. prev, 10, ", "))
  end
  local started = os.clock()
  check.eq(err_of(table.concat(lines, "\n")), "nil|aliases expand to more than 1000000 nodes|6")
  check.ok(os.clock() - started < 2, "alias bomb rejected quickly")
  -- a smaller limit applies to smaller documents
  check.eq(err_of("a: &a [1, 2, 3]\nb: [*a, *a, *a, *a]", 10), "nil|aliases expand to more than 10 nodes|2")
  check.same(yaml.load("a: &a [1, 2, 3]\nb: [*a, *a]", 20), {a = {1, 2, 3}, b = {{1, 2, 3}, {1, 2, 3}}})
end

-- Nesting: 512 levels are fine, 513 are not (flow and block forms).
do
  local ok = yaml.load(string.rep("[", 512) .. string.rep("]", 512))
  local depth, t = 0, ok
  while type(t) == "table" do depth = depth + 1; t = t[1] end
  check.eq(depth, 512)
  check.eq(err_of(string.rep("[", 513) .. string.rep("]", 513)), "nil|nesting deeper than 512 levels|1")
  local block = {}
  for i = 0, 600 do block[#block + 1] = string.rep(" ", i) .. "k:" end
  check.eq(err_of(table.concat(block, "\n")), "nil|nesting deeper than 512 levels|513")
  check.eq(err_of(string.rep("[", 100000)), "nil|nesting deeper than 512 levels|1")
end

-- Duplicate keys: the last wins, and they are listed.
do
  local doc, dups = yaml.load("a: 1\na: 2\nb:\n  c: 1\n  c: 2")
  check.same(doc, {a = 2, b = {c = 2}})
  check.same(dups, {"a", "c"})
  check.eq(select(2, yaml.load("a: 1\nb: 2")), nil, "no duplicates")
  -- and reach the record as a warning, not an error
  local rec = quire.record.parse("---\ntitle: one\ntitle: two\ndate: 2021-04-11 00:30:33\n---\nbody", "dup.md")
  check.eq(rec.error, nil)
  check.eq(rec.title, "two")
  check.same(rec.warnings, {"front matter: duplicate keys (the last one wins): title"})
end

-- Wrong arguments are Lua errors.
check.raises("bad argument #1 to 'load' (string expected, got nil)", yaml.load, nil)

check.done()
