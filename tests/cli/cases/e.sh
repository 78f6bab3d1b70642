# quire -e: the chunk gets the archives as ... (and arg), quire is a global,
# errors name the command line, syntax errors and bad options.
run -E -e 'print(select("#", ...), ...) print(arg[0], #arg, type(quire))' a b
run -E -e 'local n = 0 for rec in quire.open() do n = n + 1 end print(n)' "$CORPUS/source/_posts/金融"
run -E -e 'for rec in quire.open{...} do print(rec.date, rec.source, rec.title) end' \
  "$CORPUS/source/_posts/编程/开源中国/资讯/ .md" "$CORPUS/source/_posts/金融/新浪财经/新浪财经－国內/江苏省长，凌晨开会.md"
run -E -e 'print(quire.opts.n + 1, quire.opts.flag, quire.opts.name)' --set n=41 --set flag=true --set name=新浪
run -E -e 'error("boom")'
run -E -e 'local t = nil; return t.x'
run -E -e 'error({})'
run -E -e 'print("unclosed'
run -E -e
run -E -e 'print(1)' --bogus
run -E -e 'print(1)' --set novalue
run -E -e --help
