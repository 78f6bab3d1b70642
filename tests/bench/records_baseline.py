# Python baseline for scripts/bench: what a Python user would write to read
# every post's front matter — walk, split at the --- fences, PyYAML's C
# loader, touch the fields. usage: python3 records_baseline.py ARCHIVE
import os
import sys
import time

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
start = time.monotonic()
records = errors = size = 0
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        if not name.endswith((".md", ".markdown", ".html")):
            continue
        with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
            text = f.read()
        size += len(text.encode("utf-8"))
        records += 1
        parts = text.lstrip("\n").split("\n---\n", 1)
        try:
            meta = yaml.load(parts[0].removeprefix("---\n"), Loader=Loader) or {}
            _ = meta.get("title"), meta.get("date"), meta.get("categories")
        except yaml.YAMLError:
            errors += 1
print(f"{records} {errors} {size} {time.monotonic() - start:.3f}")
