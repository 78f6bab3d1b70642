#!/usr/bin/python3
"""Writes tests/data/dom/select.tsv: for every corpus post and every selector
in tests/data/dom/selectors.txt, how many elements an independent engine
(lxml's libxml2 HTML parser + cssselect's CSS-to-XPath, or plain Python
filters where cssselect has no support) selects, and an FNV-1a hash of their
paths (/html[1]/body[1]/div[2]/p[1], one per line, in document order).

Run once when selectors or the corpus change (needs python3-lxml and
python3-cssselect from Debian); the test itself needs no Python:
    /usr/bin/python3 tests/tools/dom_select_golden.py CORPUS_DIR > tests/data/dom/select.tsv
Lines: relative path, body length in bytes, then per selector "count:hash".
"""
import os
import sys

from lxml import etree
from lxml.cssselect import CSSSelector

HERE = os.path.dirname(os.path.abspath(__file__))
SELECTORS = os.path.join(HERE, "..", "data", "dom", "selectors.txt")


def body_of(data):
    """The body after the front matter, as src/record.c's fm_split finds it."""
    n = len(data)
    p = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    start = p

    def line_end(p):
        e = data.find(b"\n", p)
        return n if e < 0 else e

    def fence(p, e, f):
        line = data[p:e]
        return line.startswith(f) and line[len(f):].strip(b" \t\r") == b""

    while True:
        e = line_end(p)
        if e < n and data[p:e].strip(b" \t\r") == b"":
            p = e + 1
            continue
        if not fence(p, e, b"---"):
            return data[start:]
        p = e + 1 if e < n else n
        break
    while p < n:
        e = line_end(p)
        if fence(p, e, b"---") or fence(p, e, b"..."):
            return data[e + 1 if e < n else n:]
        p = e + 1 if e < n else n
    return b""  # front matter never closed: no body


def elements(root):
    return [el for el in root.iter() if isinstance(el.tag, str)]


def path(el):
    parts = []
    while el is not None:
        idx = 1 + sum(1 for s in el.itersiblings(preceding=True) if s.tag == el.tag)
        parts.append("%s[%d]" % (el.tag, idx))
        el = el.getparent()
    return "/" + "/".join(reversed(parts))


def fnv1a(s):
    h = 0x811C9DC5
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return "%08x" % h


def has_class(el, name):
    return name in (el.get("class") or "").split()


def css(root, sel):
    return CSSSelector(sel, translator="html")(root)


def descendants(el, tag):
    return [d for d in el.iterdescendants(tag)]


# Selectors cssselect cannot parse (the i flag, complex arguments to :not
# and :has, lists in :not), answered by plain Python over all elements.
def ci_attr(tag, attr, test):
    def run(root):
        return [el for el in elements(root)
                if (tag == "*" or el.tag == tag) and el.get(attr) is not None
                and test(el.get(attr).lower())]
    return run


REFERENCE = {
    'a[href^="HTTPS" i]': ci_attr("a", "href", lambda v: v.startswith("https")),
    'img[src$=".JPG" i]': ci_attr("img", "src", lambda v: v.endswith(".jpg")),
    '[class="P" i]': ci_attr("*", "class", lambda v: v == "p"),
    '[class~="ACTIVE" i]': ci_attr("*", "class", lambda v: "active" in v.split()),
    "p:not(div p)": lambda root: [el for el in elements(root) if el.tag == "p"
                                  and not any(a.tag == "div" for a in el.iterancestors())],
    "span:not(.n, .p)": lambda root: [el for el in elements(root) if el.tag == "span"
                                      and not has_class(el, "n") and not has_class(el, "p")],
    "div:has(p span)": lambda root: [el for el in elements(root) if el.tag == "div"
                                     and any(descendants(p, "span") for p in descendants(el, "p"))],
    "div:has(img)": lambda root: [el for el in elements(root) if el.tag == "div" and descendants(el, "img")],
    "li:has(a)": lambda root: [el for el in elements(root) if el.tag == "li" and descendants(el, "a")],
}


def main():
    corpus = sys.argv[1]
    selectors = [l.rstrip("\n") for l in open(SELECTORS, encoding="utf-8")
                 if l.strip() and not l.startswith("#")]
    files = []
    for d, _, names in os.walk(corpus):
        for name in names:
            if name.endswith(".md"):
                files.append(os.path.relpath(os.path.join(d, name), corpus))
    files.sort()
    parser = etree.HTMLParser(encoding="utf-8")
    for rel in files:
        with open(os.path.join(corpus, rel), "rb") as f:
            body = body_of(f.read())
        root = None
        if body:
            try:
                root = etree.fromstring(body, parser)
            except etree.XMLSyntaxError:
                root = None
        cols = [rel, str(len(body))]
        for sel in selectors:
            if root is None:
                found = []
            else:
                ref = REFERENCE.get(sel)
                found = ref(root) if ref else css(root, sel)
                # document order, whatever the engine returned
                order = {id(el): i for i, el in enumerate(elements(root))}
                found = sorted(found, key=lambda el: order[id(el)])
            cols.append("%d:%s" % (len(found), fnv1a("\n".join(path(el) for el in found))))
        print("\t".join(cols))


if __name__ == "__main__":
    main()
