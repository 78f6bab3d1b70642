"""Baseline for tests/bench/summary_bench.lua: jieba.analyse.extract_tags
(TF-IDF with jieba's bundled IDF table) over the cleaned texts of a JSON
Lines export, top 5 keywords per text, one core. The dictionary is loaded
before the clock starts. Prints: texts seconds."""
import json
import sys
import time

import jieba
import jieba.analyse

jieba.setLogLevel(60)
texts = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        texts.append(json.loads(line).get("text") or "")
jieba.analyse.extract_tags("预热词典加载", topK=5)
t0 = time.perf_counter()
for t in texts:
    jieba.analyse.extract_tags(t, topK=5)
print(len(texts), time.perf_counter() - t0)
