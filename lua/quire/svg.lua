--- quire.svg: small charts as inline SVG text, for self-contained HTML.
--
--   svg.stacked{width =, height =, labels = {"2021-01", ...},
--               series = {{name =, color =, values = {...}}, ...}}
--   svg.columns{width =, height =, labels = {...}, values = {...}, color =}
--   svg.hbars{width =, items = {{name =, value =, note =}, ...}, color =}
--
-- Every chart is one <svg> with width, height and viewBox set, text in the
-- page's font (CSS reaches inline SVG), a <title> on each bar so a reader
-- can hover for the exact figure, and every piece of text escaped. Nothing
-- refers outside the document.

local ustr = require "quire.ustr"

local svg = {}

--- S with &, <, >, " and ' escaped for HTML and SVG text and attributes.
function svg.escape(s)
  return (tostring(s):gsub("[&<>\"']", {["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;",
    ['"'] = "&quot;", ["'"] = "&#39;"}))
end
local esc = svg.escape

--- Colours for series, told apart by most colour-blind readers (Tableau 10);
-- svg.OTHER greys out the rest.
svg.PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
               "#ff9da7", "#9c755f"}
svg.OTHER = "#bab0ac"

-- A number with at most one decimal, as short as it goes.
local function f(x)
  local s = string.format("%.1f", x)
  return (s:gsub("%.0$", ""))
end

--- Grid lines for values up to MAX: a "nice" step (1, 2 or 5 times a power
-- of ten) giving at most about five lines, and the top of the axis.
function svg.ticks(max)
  if max <= 0 then return 1, 1 end
  local raw = max / 5
  local mag = 10 ^ math.floor(math.log(raw, 10))
  local step = mag
  for _, m in ipairs {1, 2, 5, 10} do
    if m * mag >= raw then step = m * mag; break end
  end
  step = math.max(1, math.floor(step + 0.5))
  return step, math.ceil(max / step) * step
end

-- Thousands separated with commas: 12345 -> 12,345.
function svg.thousands(n)
  local s = tostring(math.tointeger(n) or n)
  local int, rest = s:match("^(%-?%d+)(.*)$")
  if not int then return s end
  int = int:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^(%-?),", "%1")
  return int .. rest
end

local function open_svg(width, height, label)
  return {string.format('<svg width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">',
    width, height, width, height, esc(label or "chart"))}
end

-- Horizontal grid lines and their labels for a plot from (X0, Y0) to
-- (X1, Y1) whose axis tops out at TOP.
local function grid(out, x0, y0, x1, y1, step, top)
  for v = 0, top, step do
    local y = y1 - (y1 - y0) * v / top
    out[#out + 1] = string.format('<line class="grid" x1="%s" y1="%s" x2="%s" y2="%s"/>', f(x0), f(y), f(x1), f(y))
    out[#out + 1] = string.format('<text class="tick" x="%s" y="%s" text-anchor="end">%s</text>',
      f(x0 - 6), f(y + 4), svg.thousands(v))
  end
end

-- Which of N labels to write under the axis so they do not overlap when
-- each is WIDTH columns wide and a bar is BAR pixels: every k-th.
local function label_every(n, bar, cols)
  local need = cols * 7 + 8
  return math.max(1, math.ceil(need / math.max(bar, 1))), n
end

--- Stacked columns: one per label, one coloured part per series (values
-- are counts, nil as 0), with a legend above. opts: width, height, labels,
-- series, title (for screen readers).
function svg.stacked(opts)
  local width, height = opts.width or 960, opts.height or 340
  local labels, series = opts.labels, opts.series
  local legend_rows = math.ceil(#series / 5)
  local top_pad = 12 + legend_rows * 20
  local x0, y0, x1, y1 = 56, top_pad + 8, width - 12, height - 42
  local out = open_svg(width, height, opts.title)
  local totals, max = {}, 0
  for i = 1, #labels do
    local t = 0
    for _, s in ipairs(series) do t = t + (s.values[i] or 0) end
    totals[i], max = t, math.max(max, t)
  end
  local step, top = svg.ticks(max)
  grid(out, x0, y0, x1, y1, step, top)
  local n = math.max(#labels, 1)
  local slot = (x1 - x0) / n
  local bar = math.max(1, slot * 0.8)
  for i, label in ipairs(labels) do
    local x = x0 + (i - 1) * slot + (slot - bar) / 2
    local y = y1
    for _, s in ipairs(series) do
      local v = s.values[i] or 0
      if v > 0 then
        local h = (y1 - y0) * v / top
        y = y - h
        out[#out + 1] = string.format('<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s · %s: %s</title></rect>',
          f(x), f(y), f(bar), f(h), s.color, esc(label), esc(s.name), svg.thousands(v))
      end
    end
  end
  local every = label_every(#labels, slot, ustr.width(labels[1] or ""))
  for i, label in ipairs(labels) do
    if (i - 1) % every == 0 then
      local x = x0 + (i - 0.5) * slot
      out[#out + 1] = string.format('<text class="tick" x="%s" y="%s" text-anchor="middle">%s</text>', f(x), f(y1 + 18), esc(label))
    end
  end
  out[#out + 1] = string.format('<line class="axis" x1="%s" y1="%s" x2="%s" y2="%s"/>', f(x0), f(y1), f(x1), f(y1))
  -- legend: five entries a row
  for i, s in ipairs(series) do
    local row, col = (i - 1) // 5, (i - 1) % 5
    local lx, ly = x0 + col * ((x1 - x0) / 5), 10 + row * 20
    out[#out + 1] = string.format('<rect x="%s" y="%s" width="12" height="12" rx="2" fill="%s"/>', f(lx), f(ly), s.color)
    out[#out + 1] = string.format('<text class="legend" x="%s" y="%s">%s</text>', f(lx + 18), f(ly + 11),
      esc(ustr.truncate(s.name, 22)))
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

--- Columns, one per label (a histogram when the labels are ranges), each
-- with its count above it. opts: width, height, labels, values, color, title.
function svg.columns(opts)
  local width, height = opts.width or 960, opts.height or 300
  local labels, values = opts.labels, opts.values
  local x0, y0, x1, y1 = 56, 24, width - 12, height - 42
  local out = open_svg(width, height, opts.title)
  local max = 0
  for i = 1, #labels do max = math.max(max, values[i] or 0) end
  local step, top = svg.ticks(max)
  grid(out, x0, y0, x1, y1, step, top)
  local slot = (x1 - x0) / math.max(#labels, 1)
  local bar = math.max(1, slot * 0.86)
  for i, label in ipairs(labels) do
    local v = values[i] or 0
    local h = (y1 - y0) * v / top
    local x = x0 + (i - 1) * slot + (slot - bar) / 2
    out[#out + 1] = string.format('<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s: %s</title></rect>',
      f(x), f(y1 - h), f(bar), f(h), opts.color or svg.PALETTE[1], esc(label), svg.thousands(v))
    if v > 0 then
      out[#out + 1] = string.format('<text class="value" x="%s" y="%s" text-anchor="middle">%s</text>',
        f(x + bar / 2), f(y1 - h - 5), svg.thousands(v))
    end
    out[#out + 1] = string.format('<text class="tick" x="%s" y="%s" text-anchor="middle">%s</text>',
      f(x + bar / 2), f(y1 + 18), esc(label))
  end
  out[#out + 1] = string.format('<line class="axis" x1="%s" y1="%s" x2="%s" y2="%s"/>', f(x0), f(y1), f(x1), f(y1))
  if opts.xlabel then
    out[#out + 1] = string.format('<text class="tick" x="%s" y="%s" text-anchor="middle">%s</text>',
      f((x0 + x1) / 2), f(height - 6), esc(opts.xlabel))
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

--- Horizontal bars, one per item, largest first as given: name on the
-- left (cut to opts.name_cols display columns, whole in the bar's title),
-- the bar, the value after it. The height follows the number of items.
-- opts: width, items ({name, value, note}), color, title, name_cols.
function svg.hbars(opts)
  local width = opts.width or 460
  local items = opts.items
  local row = 24
  local name_cols = opts.name_cols or 20
  local x0 = 8 + name_cols * 7 + 8
  local height = math.max(1, #items) * row + 8
  local out = open_svg(width, height, opts.title)
  local max = 0
  for _, it in ipairs(items) do max = math.max(max, it.value) end
  local span = width - x0 - 56
  for i, it in ipairs(items) do
    local y = 4 + (i - 1) * row
    local w = max > 0 and span * it.value / max or 0
    out[#out + 1] = string.format('<text class="name" x="%s" y="%s" text-anchor="end">%s<title>%s</title></text>',
      f(x0 - 8), f(y + 16), esc(ustr.truncate(it.name, name_cols)), esc(it.name))
    out[#out + 1] = string.format('<rect x="%s" y="%s" width="%s" height="%s" rx="2" fill="%s"><title>%s: %s%s</title></rect>',
      f(x0), f(y + 3), f(math.max(w, 1)), row - 8, opts.color or svg.PALETTE[1], esc(it.name),
      svg.thousands(it.value), it.note and (" · " .. esc(it.note)) or "")
    out[#out + 1] = string.format('<text class="value" x="%s" y="%s">%s</text>', f(x0 + w + 6), f(y + 16),
      svg.thousands(it.value))
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

return svg
