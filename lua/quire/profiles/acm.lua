--- ACM A.M. Turing Award pages: the winner's card (photo, name, country,
-- the "CITATION" label) and the essay's author line (rec.byline).
return {
  sources = {"ACM"},
  detect = {"h1.country", "div.citation"},
  drop = {
    {name = "profile-link", select = "img.author-link"},
    {name = "label", select = "div.citation > span.label"},
  },
  lines = {
    {name = "author", lift = "byline", match = "^Author:%s*(.-)%s*$", max = 40},
  },
}
