#!/usr/bin/env python3
"""Fills translations/shoppilot_zh_CN.ts from translations/zh_CN.tsv (source<TAB>translation).

Workflow: `cmake --build build --target shoppilot_ui_lupdate` adds new source texts as
unfinished; add their Chinese to zh_CN.tsv (escape newlines as \\n); run this script. It exits
non-zero and lists the texts that still have no translation, so nothing ships unfinished.
"""
import html
import pathlib
import re
import sys

here = pathlib.Path(__file__).resolve().parent
ts_path = here / "shoppilot_zh_CN.ts"
table = {}
for line in (here / "zh_CN.tsv").read_text(encoding="utf-8").splitlines():
    if not line.strip() or line.startswith("#"):
        continue
    src, dst = line.split("\t", 1)
    table[src.replace("\\n", "\n")] = dst.replace("\\n", "\n")

text = ts_path.read_text(encoding="utf-8")
missing = []


def fill(match):
    src = html.unescape(match.group(1))
    if src not in table:
        missing.append(src)
        return match.group(0)
    return (f"<source>{match.group(1)}</source>\n        <translation>"
            f"{html.escape(table[src], quote=False)}</translation>")


pattern = re.compile(r"<source>(.*?)</source>\s*<translation[^>]*>.*?</translation>", re.S)
text = pattern.sub(fill, text)
ts_path.write_text(text, encoding="utf-8")
if missing:
    print("untranslated:", *missing, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print(f"{ts_path.name}: all {len(pattern.findall(text))} texts translated")
