# quire dedup: copies with small edits group, other articles on the same
# topic do not; --keep first|longest lists what a de-duplicated export keeps.
sina="$CORPUS/source/_posts/金融/新浪财经/新浪财经－国內"
a="$WORK/posts"
mkdir -p "$a"
cp "$sina/江苏省长，凌晨开会.md" "$a/1-original.md"
# a changed title
sed "s/^title: .*/title: '凌晨两点，江苏省长还在开会'/" "$sina/江苏省长，凌晨开会.md" > "$a/2-retitled.md"
# the second paragraph removed
sed '18d' "$sina/江苏省长，凌晨开会.md" > "$a/3-cut.md"
# a different footer: one more paragraph after the article's last
last=$(grep -n '<p' "$sina/江苏省长，凌晨开会.md" | tail -1 | cut -d: -f1)
sed "${last}a <p>更多江苏新闻请访问本站江苏频道，每天更新本地要闻、民生服务与政策解读，带您了解家门口的新变化。</p>" \
  "$sina/江苏省长，凌晨开会.md" > "$a/4-footer.md"
# another article on the same topic, and an unrelated one
cp "$sina/江苏省委书记：采取更坚决果断措施，迅速打赢苏州疫情防控战.md" "$a/5-same-topic.md"
cp "$sina/0！.md" "$a/6-other.md"
# an empty post is never a duplicate of another empty post
printf -- '---\ntitle: empty\n---\n' > "$a/7-empty.md"
printf -- '---\ntitle: empty too\n---\n<p>。。。</p>\n' > "$a/8-empty.md"
run -E dedup "$a"
run -E dedup "$a" -j 2 --format jsonl
run -E dedup "$a" --keep first
run -E dedup "$a" --keep longest -q
run -E dedup "$a" --threshold 0.99
run -E dedup "$a" --threshold 2
run -E dedup
