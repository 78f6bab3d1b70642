#!/usr/bin/env python3
"""Baseline for `quire clean --format jsonl` with lxml.html directly (the
fast way in Python): os.walk, split the front matter, PyYAML's C loader,
lxml.html.fromstring, drop scripts/styles and the boilerplate the bundled
profiles drop (by XPath), paragraph text, JSON lines.
usage: clean_baseline_lxml.py ARCHIVE  -> JSON lines on stdout; on stderr
"files bytes seconds"."""
import json, os, sys, time
import yaml
import lxml.etree
import lxml.html

def cls(tag, name):
    return "//%s[contains(concat(' ', normalize-space(@class), ' '), ' %s ')]" % (tag, name)

DROP = lxml.etree.XPath("|".join([
    "//script", "//style", "//noscript", "//iframe", "//form", "//nav", "//footer", "//aside", "//*[@hidden]",
    cls("div", "appendQr_wrap"), cls("p", "article-editor"), cls("img", "avatar"), cls("span", "author"),
    cls("span", "bio"), cls("a", "originUrl"), cls("div", "view-more"), cls("div", "tougao-user"),
    cls("span", "copy-code-btn")]))
BLOCKS = lxml.etree.XPath("//p|//h1|//h2|//h3|//h4|//h5|//h6|//li|//pre|//blockquote|//td")
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

def split(text):
    text = text.lstrip("\ufeff\r\n")
    if not text.startswith("---"):
        return "", text
    end = text.find("\n---", 3)
    if end < 0:
        return text[3:], ""
    nl = text.find("\n", end + 4)
    return text[3:end], text[nl + 1:] if nl >= 0 else ""

def main(root):
    start, files, nbytes = time.time(), 0, 0
    out = sys.stdout
    for dirpath, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            if not name.endswith(".md"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                raw = f.read()
            files += 1
            nbytes += len(raw)
            text = raw.decode("utf-8", "replace")
            fm, body = split(text)
            try:
                meta = yaml.load(fm, Loader=Loader) or {}
            except yaml.YAMLError:
                meta = {}
            if not isinstance(meta, dict):
                meta = {}
            paras = []
            if body.strip():
                try:
                    doc = lxml.html.fromstring(body)
                except (lxml.etree.ParserError, ValueError):
                    doc = None
                if doc is not None:
                    for node in DROP(doc):
                        node.drop_tree()
                    for node in BLOCKS(doc):
                        t = " ".join(node.text_content().split())
                        if t and "海量资讯、精准解读" not in t and t not in ("查看知乎讨论", "复制代码"):
                            paras.append(t)
            rec = {"path": path, "title": str(meta.get("title", "")), "date": str(meta.get("date", "")),
                   "text": "\n\n".join(paras)}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(files, nbytes, "%.3f" % (time.time() - start), file=sys.stderr)

if __name__ == "__main__":
    main(sys.argv[1])
