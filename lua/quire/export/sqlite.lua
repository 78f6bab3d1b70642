--- SQLite: a database file with the tables
--   posts       one row per record (meta as JSON, categories and tags joined with ";")
--   categories  (post_id, position, name)
--   tags        (post_id, position, name)
--   images      (post_id, position, src, alt, caption)
--   errors      (path, error) for the records that had one
--   posts_fts   an FTS5 index over title and text with quire's tokenizer,
--               which finds Chinese words of any length (疫情防控, 吴政隆)
-- Exporting again into the same file updates the posts whose file changed
-- (by path and content hash) and leaves the rest; each batch of records is
-- one transaction, so a run killed midway leaves a readable database that
-- a re-run completes.
local export = require "quire.export"
local sqlite = require "quire.c.sqlite"

local db_format = {summary = "a SQLite database with a Chinese-aware full-text index (-o FILE)",
                   target = "database"}

local BATCH = 500

local SCHEMA = [[
CREATE TABLE IF NOT EXISTS posts (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL,
  title TEXT, date TEXT, time INTEGER, source TEXT, author TEXT,
  origin TEXT, editor TEXT, categories TEXT, tags TEXT,
  text TEXT, meta TEXT, error TEXT);
CREATE INDEX IF NOT EXISTS posts_time ON posts(time);
CREATE INDEX IF NOT EXISTS posts_source ON posts(source);
CREATE TABLE IF NOT EXISTS categories (post_id INTEGER NOT NULL, position INTEGER NOT NULL, name TEXT,
  PRIMARY KEY (post_id, position));
CREATE INDEX IF NOT EXISTS categories_name ON categories(name);
CREATE TABLE IF NOT EXISTS tags (post_id INTEGER NOT NULL, position INTEGER NOT NULL, name TEXT,
  PRIMARY KEY (post_id, position));
CREATE TABLE IF NOT EXISTS images (post_id INTEGER NOT NULL, position INTEGER NOT NULL,
  src TEXT, alt TEXT, caption TEXT, PRIMARY KEY (post_id, position));
CREATE TABLE IF NOT EXISTS errors (path TEXT PRIMARY KEY, error TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS posts_fts USING fts5(title, text, content = 'posts',
  content_rowid = 'id', tokenize = 'quire');
CREATE TRIGGER IF NOT EXISTS posts_fts_insert AFTER INSERT ON posts BEGIN
  INSERT INTO posts_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS posts_fts_delete AFTER DELETE ON posts BEGIN
  INSERT INTO posts_fts(posts_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS posts_fts_update AFTER UPDATE ON posts BEGIN
  INSERT INTO posts_fts(posts_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO posts_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
]]

local function must(ok, err)
  if not ok then error("sqlite export: " .. tostring(err), 0) end
  return ok
end

function db_format.open(target, opts)
  if not target.path then return nil, "--to sqlite writes a database file: give -o FILE" end
  local db, err = sqlite.open(target.path)
  if not db then return nil, err end
  local ok, serr = db:exec(SCHEMA)
  if not ok then return nil, target.path .. ": " .. serr end
  local state = {db = db, path = target.path, added = 0, updated = 0, unchanged = 0, errors = 0,
                 pending = 0}
  local function prep(sql) return must(db:prepare(sql)) end
  state.find = prep("SELECT id, hash FROM posts WHERE path = ?")
  state.insert = prep([[INSERT INTO posts (path, hash, title, date, time, source, author, origin,
    editor, categories, tags, text, meta, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)]])
  state.update = prep([[UPDATE posts SET hash = ?, title = ?, date = ?, time = ?, source = ?,
    author = ?, origin = ?, editor = ?, categories = ?, tags = ?, text = ?, meta = ?, error = ?
    WHERE id = ?]])
  state.clear = {prep("DELETE FROM categories WHERE post_id = ?"), prep("DELETE FROM tags WHERE post_id = ?"),
                 prep("DELETE FROM images WHERE post_id = ?")}
  state.category = prep("INSERT INTO categories (post_id, position, name) VALUES (?, ?, ?)")
  state.tag = prep("INSERT INTO tags (post_id, position, name) VALUES (?, ?, ?)")
  state.image = prep("INSERT INTO images (post_id, position, src, alt, caption) VALUES (?, ?, ?, ?, ?)")
  state.error = prep("INSERT OR REPLACE INTO errors (path, error) VALUES (?, ?)")
  state.no_error = prep("DELETE FROM errors WHERE path = ?")
  must(db:exec("BEGIN"))
  return state
end

local function joined(list)
  if not list or #list == 0 then return nil end
  return table.concat(list, ";")
end

function db_format.write(state, row)
  local hash = row.hash or require("quire.c.record").hash(export.json(row))
  local found = state.find:first(row.path)
  if found and found.hash == hash then
    state.unchanged = state.unchanged + 1
  else
    local meta = export.json(row.meta or {})
    local fields = {row.title, row.date, row.time, row.source, row.author, row.origin, row.editor,
                    joined(row.categories), joined(row.tags), row.text, meta, row.error}
    local id
    if found then
      id = found.id
      fields[13] = id  -- unpack expands only as the last argument
      must(state.update:run(hash, table.unpack(fields, 1, 13)))
      for _, stmt in ipairs(state.clear) do must(stmt:run(id)) end
      state.updated = state.updated + 1
    else
      must(state.insert:run(row.path, hash, table.unpack(fields, 1, 12)))
      id = state.db:last_insert_rowid()
      state.added = state.added + 1
    end
    for i, name in ipairs(row.categories or {}) do must(state.category:run(id, i, name)) end
    for i, name in ipairs(row.tags or {}) do must(state.tag:run(id, i, name)) end
    for i, img in ipairs(row.images or {}) do
      must(state.image:run(id, i, img.src, img.alt, img.caption))
    end
  end
  if row.error then
    must(state.error:run(row.path, row.error))
    state.errors = state.errors + 1
  else
    must(state.no_error:run(row.path))
  end
  state.pending = state.pending + 1
  if state.pending >= BATCH then
    must(state.db:exec("COMMIT; BEGIN"))
    state.pending = 0
  end
end

function db_format.close(state)
  local ok, err = state.db:exec("COMMIT")
  state.db:close()
  if not ok then return nil, err end
  return string.format("%d added, %d updated, %d unchanged in %s", state.added, state.updated,
                       state.unchanged, state.path)
end

--- Queries to try on the database, printed after an export.
function db_format.examples(path)
  local q = string.format("%q", path)
  return table.concat({
    "try:",
    "  quire sql " .. q .. " \"SELECT source, count(*) AS posts FROM posts GROUP BY source ORDER BY posts DESC\"",
    "  quire sql " .. q .. " \"SELECT p.date, p.title FROM posts_fts f JOIN posts p ON p.id = f.rowid"
      .. " WHERE posts_fts MATCH '疫情防控' ORDER BY rank LIMIT 10\"",
    "  sqlite3 " .. q .. " \"SELECT name, count(*) FROM categories GROUP BY name ORDER BY 2 DESC LIMIT 10\"",
    "(posts_fts needs quire's tokenizer: query it through quire sql; every other table works in any SQLite)",
  }, "\n")
end

return db_format
