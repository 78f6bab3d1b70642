-- quire report in a real browser: headless Chromium parses the page over the
-- corpus (--dump-dom) and draws it (--screenshot); the charts must be in the
-- DOM with their sizes and the picture must not be blank. The screenshot is
-- kept beside this test's build folder (report.png, with report.html) to
-- look at. Exits 77 (ctest: skipped) only when chromium is not installed;
-- scripts/setup --browser installs it, and CI runs that.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local corpus = check.corpus()
local bin = os.getenv("QUIRE_BIN")

local q, sh = check.q, check.stdout

local browser = sh("command -v chromium || command -v chromium-browser"):match("[^\n]+")
if not browser then
  print("SKIP: chromium is not installed (scripts/setup --browser installs it)")
  os.exit(77)
end

local here = sh("pwd"):match("[^\n]+")
local html, png = here .. "/report.html", here .. "/report.png"
local profile = os.tmpname()
os.remove(profile)

local function chromium(args)
  return sh(string.format("timeout 180 %s --headless --no-sandbox --disable-gpu --disable-quic --no-first-run " ..
    "--disable-background-networking --disable-component-update --disable-sync --hide-scrollbars " ..
    "--user-data-dir=%s %s", q(browser), q(profile), args))
end

local slurp = check.slurp

local _, code = sh(string.format("%s -E report %s -o %s -q -j 2", bin, q(corpus), q(html)))
check.eq(code, 1, "the corpus has records with errors: exit status 1")
check.ok(slurp(html), "report written")

-- the DOM as Chromium built it
local dom = chromium("--dump-dom " .. q("file://" .. html))
check.ok(#dom > 10000, "a DOM came back: " .. #dom .. " bytes")
local sizes = {}
for w, h in dom:gmatch('<svg width="(%d+)" height="(%d+)"') do sizes[#sizes + 1] = {tonumber(w), tonumber(h)} end
check.eq(#sizes, 5, "five charts in the DOM")
for _, s in ipairs(sizes) do check.ok(s[1] >= 300 and s[2] >= 50, string.format("chart %dx%d", s[1], s[2])) end
local rects = select(2, dom:gsub("<rect ", ""))
check.ok(rects > 100, "bars drawn: " .. rects)
for _, id in ipairs {"monthly", "lengths", "top", "sources", "facts", "errors"} do
  check.ok(dom:find('id="' .. id .. '"', 1, true), "section " .. id .. " in the DOM")
end
check.ok(dom:find("新浪财经", 1, true), "Chinese text survives")

-- PNG width and height from its IHDR chunk
local function png_size(data)
  if not data or data:sub(1, 8) ~= "\137PNG\r\n\26\n" or data:sub(13, 16) ~= "IHDR" then return nil end
  return string.unpack(">I4I4", data, 17)
end

-- a white page of the same size, to tell a drawn page from a blank one
local blank_html = os.tmpname() .. ".html"
local f = assert(io.open(blank_html, "wb"))
f:write('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body></body></html>')
f:close()
local blank_png = os.tmpname() .. ".png"
chromium(string.format("--window-size=1200,3000 --screenshot=%s %s", q(blank_png), q("file://" .. blank_html)))
os.remove(png)
chromium(string.format("--window-size=1200,3000 --screenshot=%s %s", q(png), q("file://" .. html)))
local shot, blank = slurp(png), slurp(blank_png)
local w, h = png_size(shot)
check.eq(w, 1200, "screenshot width")
check.eq(h, 3000, "screenshot height")
check.ok(png_size(blank) == 1200, "blank page screenshot for comparison")
check.ok(shot and blank and #shot > 100000 and #shot > 10 * #blank,
  string.format("the page is drawn, not blank: %d bytes vs %d for a white page", shot and #shot or 0, blank and #blank or 0))
print("screenshot: " .. png)

os.remove(blank_html)
os.remove(blank_png)
os.execute("rm -rf " .. q(profile))
check.done()
