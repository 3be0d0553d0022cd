"""Open workbooks with openpyxl and save them again, as another program.

The benchmark's third-party set: every part of a workbook filled by the
project is written anew by openpyxl (Debian's python3-openpyxl), which
stores text as inline strings, not shared ones, and lays out its XML its
own way. The reader must read them at the same cost as excelize's.

Usage: resave.py IN_DIR OUT_DIR K N

Saves the K-th of every N .xlsx files of IN_DIR (sorted by name) to
OUT_DIR, so that N processes can share the work.
"""

import os
import sys

import openpyxl


def main():
    src, dst, k, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    names = sorted(x for x in os.listdir(src) if x.endswith(".xlsx"))
    for name in names[k::n]:
        wb = openpyxl.load_workbook(os.path.join(src, name))
        wb.save(os.path.join(dst, name))


if __name__ == "__main__":
    main()
