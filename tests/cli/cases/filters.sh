# --where, --since, --until over a small archive; error records are printed
# as "path: reason" on stderr and make the exit status 1; --tz.
a="$WORK/archive"
mkdir -p "$a/feed"
post() { printf '\n---\ntitle: %s\ndate: %s\ncategories: [%s]\n---\n<p>%s</p>\n' "$2" "$3" "$4" "$2" >"$a/$1"; }
post 1.md 一月 "2021-01-15 08:00:00" "新闻, 新浪财经"
post 2.md 四月 "2021-04-11 00:30:33" "科技, 36kr"
post feed/3.md 八月 "Mon, 09 Aug 2021 04:10:12 GMT" "科技, 知乎"
post feed/4.md 除夕 "2021-12-31 23:59:59" "生活, 豆瓣"
list='for r in quire.open() do print(r.date, r.source, r.title) end'
run -E -e "$list" "$a"
run -E -e "$list" "$a" --where "source == '知乎' or title == '一月'"
run -E -e "$list" "$a" --where 'categories[1] == "科技"' --since 2021-08-09
run -E -e "$list" "$a" --since 2021-04-11 --until 2021-08-09
run -E -e "$list" "$a" --until 2021-04-11T00:30:32+08:00
run -E -e "$list" "$a" --until 2021-12-31
run -E -e "$list" "$a" --until 2021-12-31 --tz UTC
run -E -e "$list" "$a" --tz America/New_York
run -E -e "$list" "$a" --tz Mars/Olympus
run -E -e "$list" "$a" --tz America
run -E -e "$list" "$a" --since yesterday
run -E -e "$list" "$a" --where 'title =='
# a --where that raises makes each record an error
run -E -e "$list" "$a" --where 'nope.x'
run -E -e "$list" "$a" --where '#title > 3 and source ~= "豆瓣"'
run -E -e "$list" "$a" --max-bytes 100
printf 'not a post\n' >"$a/feed/5.md"
: >"$a/6.md"
run -E -e "$list" "$a"
run -E -e "$list" "$a" --where 'title == "除夕"'
run -E -e "$list" "$a/nope.md" "$a/1.md"
