# The report scripts in examples/reports, each run on examples/archive.
run -E run ../examples/reports/daily_digest.lua ../examples/archive --since 2021-08-01 --until 2022-08-31
run -E run ../examples/reports/daily_digest.lua ../examples/archive --since 2022-01-01 --set offset=0 --where "source == 'cnBeta'"
run -E run ../examples/reports/feed_trends.lua ../examples/archive
run -E run ../examples/reports/feed_trends.lua ../examples/archive --set period=year -j 3
# what_changed: a second snapshot with one post edited, one removed, one
# moved and one added; then a snapshot against itself, and a usage error
cp -r ../examples/archive "$WORK/new"
sed -i 's/^title: .*/title: 江苏省长，凌晨开会（更新）/' "$WORK/new/金融/新浪财经/新浪财经－国內/江苏省长，凌晨开会.md"
rm "$WORK/new/游戏/3DMGame/新闻中心/10560颗钉子洒在高速路上：多辆汽车炸胎抛锚 司机跑了.md"
mkdir -p "$WORK/new/新媒体/IT 之家/归档"
mv "$WORK/new/新媒体/IT 之家/分类资讯/(更新) Twitter 在全球遭遇宕机.md" "$WORK/new/新媒体/IT 之家/归档/"
printf -- '---\ntitle: 新的一篇\ndate: 2022-09-01 10:00:00\ncategories: [新媒体, 36kr]\n---\n<p>新</p>\n' > "$WORK/new/新媒体/36kr/资讯/新的一篇.md"
run -E run ../examples/reports/what_changed.lua ../examples/archive "$WORK/new"
run -E run ../examples/reports/what_changed.lua ../examples/archive ../examples/archive
run -E run ../examples/reports/what_changed.lua ../examples/archive
# the two reports built on the cleaner and the grammars
run -E run ../examples/reports/editors_leaderboard.lua ../examples/archive
run -E run ../examples/reports/editors_leaderboard.lua "$CORPUS" --where "source == '新浪财经'" --set top=3 -j 2
run -E run ../examples/reports/covid_timeline.lua ../examples/archive
run -E run ../examples/reports/covid_timeline.lua "$CORPUS" --where "source == '新浪财经'" -j 2
