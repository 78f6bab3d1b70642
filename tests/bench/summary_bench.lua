-- Benchmarks `quire summarize` and `quire dedup` over an archive, dedup
-- over every tenth post of it too (LSH banding: the time should grow about
-- tenfold, not a hundredfold), and keyword extraction beside Debian's
-- python3-jieba (jieba.analyse.extract_tags) over the same cleaned texts,
-- when it is installed. Prints a Markdown section.
-- usage: quire -E run tests/bench/summary_bench.lua ARCHIVE_DIR
-- The program: $QUIRE_BIN (else build/quire). Commands run with -j set to
-- the number of cores; the keyword comparison is one core on each side.
local quire = require "quire"
local now = require("quire.c.sys").now
local cjson = require "cjson"

local dir = assert(arg[1], "usage: summary_bench.lua ARCHIVE_DIR")
local quire_bin = os.getenv("QUIRE_BIN") or "build/quire"
local root = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "tests/bench"

local function q(s) return "'" .. s:gsub("'", [['\'']]) .. "'" end
local function capture(command)
  local p = io.popen(command)
  local out = p:read("a")
  p:close()
  return out
end
local cores = math.tointeger(tonumber(capture("nproc"))) or 1

-- Wall-clock seconds of COMMAND, or nil if it failed (exit status 1 only
-- says some records had errors: the synthetic archive has bad posts).
local function timed(command)
  local t0 = now()
  local ok, how, code = os.execute(command .. " >/dev/null 2>&1")
  local dt = now() - t0
  return (ok or (how == "exit" and code == 1)) and dt or nil
end

local files = {}
for line in capture("find " .. q(dir) .. " -name '*.md' | sort"):gmatch("[^\n]+") do files[#files + 1] = line end
local n = #files
-- every tenth file, not the first tenth: sorted paths put one source's
-- posts together (the first tenth of the synthetic archive is mostly
-- short posts with broken front matter), so a prefix is no sample and
-- made dedup look superlinear (16x the time for 10x the posts)
local list = os.tmpname()
local f = assert(io.open(list, "w"))
local tenth = 0
for i = 1, n, 10 do f:write(files[i], "\n"); tenth = tenth + 1 end
f:close()

local out = os.tmpname()
local jobs = " -q -j " .. cores
local rows = {}
local function row(name, posts, seconds)
  rows[#rows + 1] = string.format("| %s | %d | %s | %s |", name, posts,
    seconds and string.format("%.2f", seconds) or "failed",
    seconds and string.format("%.0f", posts / seconds) or "")
  return seconds
end
row("`quire summarize --format jsonl` (IDF pass + keywords + 3 sentences)", n,
  timed(q(quire_bin) .. " -E summarize " .. q(dir) .. jobs .. " --format jsonl -o " .. q(out)))
local d_small = row("`quire dedup` (MinHash 128, 32 bands), a tenth", tenth,
  timed(q(quire_bin) .. " -E dedup -" .. jobs .. " -o " .. q(out) .. " < " .. q(list)))
local d_big = row("`quire dedup` (MinHash 128, 32 bands), all", n,
  timed(q(quire_bin) .. " -E dedup " .. q(dir) .. jobs .. " -o " .. q(out)))

-- keywords beside jieba over the same cleaned texts
local py = "/usr/bin/python3"
local jieba_line
if os.execute(py .. " -c 'import jieba' >/dev/null 2>&1") then
  local texts_file = os.tmpname()
  os.execute(q(quire_bin) .. " -E export " .. q(dir) .. jobs .. " --to jsonl -o " .. q(texts_file) .. " >/dev/null 2>&1")
  local texts = {}
  for line in io.lines(texts_file) do
    local ok, obj = pcall(cjson.decode, line)
    texts[#texts + 1] = ok and type(obj.text) == "string" and obj.text or ""
  end
  local idf = quire.summary.idf_new()
  local t0 = now()
  for _, t in ipairs(texts) do quire.summary.idf_add(idf, quire.summary.doc_words(t)) end
  local idf_s = now() - t0
  t0 = now()
  for _, t in ipairs(texts) do quire.summary.keywords(t, 5, {idf = idf}) end
  local q_s = now() - t0
  local res = capture(py .. " " .. q(root .. "/summary_jieba.py") .. " " .. q(texts_file) .. " 2>/dev/null")
  local jn, j_s = res:match("^(%d+)%s+([%d.e+-]+)")
  j_s = tonumber(j_s)
  os.remove(texts_file)
  if j_s then
    jieba_line = table.concat({
      "| keywords, top 5, one core, same cleaned texts | texts | seconds | texts/s | × jieba |",
      "|---|---:|---:|---:|---:|",
      string.format("| jieba.analyse.extract_tags (bundled IDF) | %s | %.2f | %.0f | 1.00 |", jn, j_s, #texts / j_s),
      string.format("| **quire.summary.keywords** (TF-IDF, IDF from these texts) | %d | %.2f | %.0f | %.2f |", #texts, q_s, #texts / q_s, q_s / j_s),
      string.format("| quire: counting the IDF table first (a pass of segmentation) | %d | %.2f | %.0f | %.2f |", #texts, idf_s, #texts / idf_s, idf_s / j_s),
    }, "\n")
  end
end
os.remove(list)
os.remove(out)

print(string.format("### Keywords, summaries, near-duplicates (`quire summarize`, `quire dedup`, -j %d)", cores))
print()
print("| pass | posts | seconds | posts/s |")
print("|---|---:|---:|---:|")
for _, r in ipairs(rows) do print(r) end
print()
if d_small and d_big then
  print(string.format("Dedup: %d posts took %.1f× the time of %d (10× the posts; quadratic would be 100×).",
    n, d_big / d_small, tenth))
  print()
end
if jieba_line then print(jieba_line) else print("(python3-jieba is not installed: `apt-get install python3-jieba` for the comparison)") end
