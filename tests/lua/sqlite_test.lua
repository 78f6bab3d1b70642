-- quire.c.sqlite: the binding, and the "quire" FTS5 tokenizer finding
-- Chinese words of one, two and more characters, and Latin words.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local sqlite = require "quire.c.sqlite"

check.same(sqlite.tokenize("疫情防控"), {"疫情", "+疫", "情防", "+情", "防控", "+防", "控"})
check.same(sqlite.tokenize("疫情防控", true), {"疫情", "情防", "防控"}, "query form: bigrams only")
check.same(sqlite.tokenize("苏", true), {"苏"}, "a lone character is a unigram")
check.same(sqlite.tokenize("M1 Max，ＡＢＣ１２３ COVID-19"), {"m1", "max", "abc123", "covid", "19"})
check.same(sqlite.tokenize("苹果M1芯片"), {"苹果", "+苹", "果", "m1", "芯片", "+芯", "片"})
check.same(sqlite.tokenize("\xff\xfe ok"), {"ok"}, "invalid bytes separate tokens")
check.same(sqlite.tokenize(""), {})

local db = assert(sqlite.open(":memory:"))
check.ok(db:exec("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'quire')"))
local ins = assert(db:prepare("INSERT INTO t(title, body) VALUES (?, ?)"))
check.ok(ins:run("江苏省委书记", "采取更坚决果断措施，迅速打赢苏州疫情防控战"))
check.ok(ins:run("苹果 M1 Max", "Apple released the M1 Max chip; 吴政隆出席"))
check.ok(ins:run("无关", "今天天气很好"))

local function hits(q)
  local titles = {}
  for row in db:prepare("SELECT title FROM t WHERE t MATCH ? ORDER BY rowid"):rows(q) do
    titles[#titles + 1] = row.title
  end
  return titles
end
check.same(hits("疫情防控"), {"江苏省委书记"})
check.same(hits("疫情"), {"江苏省委书记"})
check.same(hits("疫"), {"江苏省委书记"})
check.same(hits("吴政隆"), {"苹果 M1 Max"})
check.same(hits("m1"), {"苹果 M1 Max"})
check.same(hits("CHIP"), {"苹果 M1 Max"})
check.same(hits("防控战"), {"江苏省委书记"})
check.same(hits("疫情 天气"), {}, "AND of two words in different posts")
check.same(hits("情防控战"), {"江苏省委书记"})
check.same(hits("控疫"), {}, "characters in the wrong order do not match")

-- values round-trip with their types; errors are values
check.ok(db:exec("CREATE TABLE v (i INTEGER, f REAL, s TEXT, n TEXT)"))
check.ok(db:prepare("INSERT INTO v VALUES (?, ?, ?, ?)"):run(42, 2.5, "文字", nil))
local row = db:prepare("SELECT * FROM v"):rows()()
check.eq(math.type(row.i), "integer")
check.eq(row.i, 42)
check.eq(row.f, 2.5)
check.eq(row.s, "文字")
check.eq(row.n, nil)
local ok, err = db:exec("SELECT * FROM nowhere")
check.eq(ok, nil)
check.eq(err, "no such table: nowhere")
local stmt, perr = db:prepare("NOT SQL")
check.eq(stmt, nil)
check.ok(perr:find("syntax error", 1, true))
check.raises("nil, boolean, number or string expected", function() ins:run({}, "x") end)
local none, oerr = sqlite.open("/nonexistent/dir/x.db")
check.eq(none, nil)
check.ok(oerr:find("/nonexistent/dir/x.db", 1, true))

-- a closed database refuses use instead of touching freed memory
db:close()
check.raises("database is closed", function() db:exec("SELECT 1") end)
db:close()  -- a second close is a no-op
collectgarbage()
check.raises("database is closed", function() return ins:run("a", "b") end)

check.done()
