--- Markdown: one file per record under the output folder, each with its
-- front matter written again as YAML (libyaml's emitter; the original
-- fields plus origin and editor when the cleaner found them) and the
-- cleaned article as Markdown; index.md lists them. quire.open reads the
-- folder back with the same titles, dates and categories.
local yaml = require "quire.yaml"
local files = require "quire.folder"

local markdown = {summary = "a folder of Markdown files with YAML front matter, and index.md",
                  target = "folder", needs = {markdown = true}}

local FIRST = {"title", "date", "categories", "tags", "author", "origin", "editor"}

function markdown.open(target, opts)
  if not target.path then return nil, "--to markdown writes a folder: give -o FOLDER" end
  local folder, err = files.open(target.path, ".md")
  if not folder then return nil, err end
  return {folder = folder}
end

function markdown.write(state, row)
  local meta = {}
  for k, v in pairs(row.meta or {}) do meta[k] = v end
  meta.origin = meta.origin or row.origin
  meta.editor = meta.editor or row.editor
  if row.error then meta.quire_error = row.error end
  local ok, front = pcall(yaml.dump, meta, FIRST)
  if not ok then
    front = yaml.dump({title = row.title, date = row.date, categories = row.categories,
                       quire_error = "front matter could not be written: " .. tostring(front)}, FIRST)
  end
  local body = row.markdown or row.text or ""
  assert(files.write(state.folder, row, "---\n" .. front .. "---\n\n" .. body .. "\n"))
end

function markdown.close(state)
  local ok, err = files.close(state.folder)
  if not ok then return nil, err end
  return string.format("%d files and index.md in %s", state.folder.n, state.folder.dir)
end

return markdown
