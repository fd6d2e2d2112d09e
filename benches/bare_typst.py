"""Bare Typst for `cargo bench --bench pipeline`: compiles the four documents in ROOT one after
another with the typst library's Python binding (PyPI `typst`, typst 0.15.1 inside), the fonts of
FONTS and no system-font scan, PDF/A-2b as baocao writes them; prints the seconds from the first
compile to the last PDF.

Usage: python3 bare_typst.py ROOT FONTS
"""

import sys
import time

import typst

root, fonts = sys.argv[1], sys.argv[2]
started = time.perf_counter()
for doc in ["bao-cao", "phu-luc-1", "phu-luc-2", "phu-luc-3"]:
    typst.compile(
        f"{root}/{doc}.typ",
        root=root,
        font_paths=[fonts],
        ignore_system_fonts=True,
        format="pdf",
        pdf_standards="a-2b",
    )
print(time.perf_counter() - started)
