--- SoBooks: each post opens with the book's card (书名, 作者, 格式, 标签,
-- 时间, 评分, ISBN), lifted into fields: rec.book_title, rec.book_author,
-- rec.isbn, ...; the description sections stay.
return {
  sources = {"SoBooks"},
  detect = {"div.book-info div.bookinfo"},
  lines = {
    {name = "book-title", lift = "book_title", match = "^书名%s*:%s*(.-)%s*$", max = 80},
    {name = "book-author", lift = "book_author", match = "^作者%s*:%s*(.-)%s*$", max = 80},
    {name = "book-format", lift = "book_format", match = "^格式%s*:%s*(.-)%s*$", max = 40},
    {name = "book-tags", lift = "book_tags", match = "^标签%s*:%s*(.-)%s*$", max = 40},
    {name = "book-date", lift = "book_date", match = "^时间%s*:%s*(.-)%s*$", max = 30},
    {name = "book-rating", lift = "book_rating", match = "^评分%s*:%s*(.-)%s*$", max = 20},
    {name = "isbn", lift = "isbn", match = "^ISBN%s*:%s*(.-)%s*$", max = 30},
  },
}
