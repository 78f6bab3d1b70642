# quire clean: --explain, --profile, formats, -o, -j, --learn, bad input.
P=$CORPUS/source/_posts
SINA="$P/金融/新浪财经/新浪财经－国內/江苏省长，凌晨开会.md"
ZHIHU="$P/社交媒体/知乎/知乎日报/CPU 的指令集存放在什么地方？.md"
run -E clean -q --explain "$SINA" "$ZHIHU"
run -E clean -q --explain --profile none "$SINA"
run -E clean -q --profile nosuch "$SINA"
run -E clean -q --format html "$P/金融/新浪财经/新浪财经－国內/0！.md"
run -E clean -q --format jsonl -o "$WORK/out.jsonl" "$P/金融/新浪财经"
printf '$ wc -l out.jsonl; ls\n'; wc -l < "$WORK/out.jsonl"; ls "$WORK"; echo
# -j 2 gives the same bytes as one job
"$QUIRE_BIN" -E clean -q --format jsonl "$CORPUS" > "$WORK/j1" 2>/dev/null
"$QUIRE_BIN" -E clean -q --format jsonl -j 2 "$CORPUS" > "$WORK/j2" 2>/dev/null
printf '$ quire clean -j 1 vs -j 2 over the corpus\n'; cmp "$WORK/j1" "$WORK/j2" && wc -l < "$WORK/j1"; echo
# bad input
mkdir -p "$WORK/bad"
printf -- '---\ntitle: empty\n---\n' > "$WORK/bad/empty.md"
printf -- '---\ntitle: only boilerplate\ncategories: [金融, 新浪财经]\n---\n<div><div class="clearfix appendQr_wrap"><div class="appendQr_normal_txt">海量资讯、精准解读，尽在新浪财经APP</div></div><p class="article-editor">责任编辑：王蒙</p></div>\n' > "$WORK/bad/boiler.md"
printf -- '---\ntitle: broken\n---\n<div><p>Unclosed <b>bold <i>and</p> <table><tr><td>cell</div></span></p><p>Second paragraph, still here.\n' > "$WORK/bad/broken.md"
run -E clean -q --format jsonl "$WORK/bad/empty.md" "$WORK/bad/boiler.md" "$WORK/bad/broken.md"
# a profile with a Lua error: named with its line, the run goes on
mkdir -p "$WORK/lua/quire/profiles"
printf 'return {\n  sources = {"新浪财经"},\n  drop = {{select = ".x"}\n}\n' > "$WORK/lua/quire/profiles/sina.lua"
run --lua-dir "$WORK/lua" -E clean -q "$P/金融/新浪财经/新浪财经－国內/0！.md"
run -E clean -q --learn "$P/金融/新浪财经"
