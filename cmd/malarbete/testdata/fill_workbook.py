"""Fill a generated malarbete workbook as a manager would, with openpyxl.

This is the independent writer of the end-to-end test (issues 12 and 14):
it knows nothing of the project's code, only what the workbook itself says.
Every unlocked cell of every visible sheet is filled:

- a cell with a list validation gets an item of its list (a defined name or
  a range on the hidden sheet; live labels, formulas that quote a goal's
  text, are computed from the referenced cell, which this script typed);
- a cell with a date validation gets a date inside the range, as a date;
- a cell with a text-length validation gets a text of its own that names
  the round tag, the sheet and the cell, within the length;
- an unlocked cell without validation gets such a text too ("free").

Usage: fill_workbook.py TAG IN_DIR OUT_DIR TYPED.json

Every .xlsx below IN_DIR is filled and saved at the same place below
OUT_DIR. TYPED.json lists, per workbook ("file", relative to the folders),
every typed cell: sheet, cell, kind (text, date, choice, free) and value
(the text, the ISO date, the label picked), and every cell that could take
no valid value under "problems".
"""

import datetime
import json
import os
import re
import sys

import openpyxl
from openpyxl.utils.cell import range_boundaries

# A cell reference with an optional sheet: 'Sheet ''x'''!$B$5 or Sheet!B5.
REF = r"(?:'(?:[^']|'')*'|[^'!(),=&]+)!\$?[A-Z]+\$?\d+"
# The live label of a goal: IF(LEN(ref)=0,"",prefix&LEFT(ref,n)).
LIVE = re.compile(
    r'^=?IF\(LEN\((' + REF + r')\)=0,"",("(?:[^"]|"")*")&LEFT\((' + REF + r'),(\d+)\)\)$'
)

LETTERS = "åäö ŋđ"
# Words that tell one cell's text from another's, so that Hur does not
# look like a copy of Vad to the project's rules.
WORDS = ("stöd lärande trygghet samverkan hälsa glädje ansvar kvalitet bemötande miljö "
         "fritid läsning rörelse språk natur säkerhet delaktighet respekt omsorg kunskap "
         "utveckling förnyelse dialog inflytande").split()


def split_ref(ref):
    """Sheet name and cell of a reference, without quotes and dollars."""
    sheet, _, cell = ref.rpartition("!")
    if sheet.startswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, cell.replace("$", "")


def str_literal(lit):
    return lit[1:-1].replace('""', '"')


class Filler:
    def __init__(self, wb, tag):
        self.wb = wb
        self.tag = tag
        self.typed = []
        self.problems = []
        self.picks = {}
        self.names = {}
        for dn in wb.defined_names.definedName:
            self.names[dn.name] = dn.attr_text

    def value_of(self, sheet, cell):
        v = self.wb[sheet][cell].value
        if v is None:
            return ""
        if isinstance(v, (datetime.date, datetime.datetime)):
            raise ValueError("a list label quotes a date: %s!%s" % (sheet, cell))
        return str(v)

    def label(self, v):
        """What a cell of a list shows: constant text, or a live label."""
        if v is None:
            return ""
        if not isinstance(v, str):
            return str(v)
        if not v.startswith("="):
            return v
        m = LIVE.match(v)
        if not m:
            raise ValueError("a list item this script cannot compute: %r" % v)
        ref, prefix, ref2, n = m.group(1), str_literal(m.group(2)), m.group(3), int(m.group(4))
        if split_ref(ref) != split_ref(ref2):
            raise ValueError("a live label quoting two cells: %r" % v)
        text = self.value_of(*split_ref(ref))
        if len(text) == 0:
            return ""
        return prefix + text[:n]

    def items(self, formula):
        """The labels of a list validation's formula1."""
        f = formula.strip()
        if f.startswith('"'):
            return [s for s in str_literal(f).split(",") if s]
        if f in self.names:
            f = self.names[f]
        if "!" not in f:
            raise ValueError("a list formula this script cannot resolve: %r" % formula)
        sheet, _, rng = f.rpartition("!")
        if sheet.startswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
        ws = self.wb[sheet]
        c1, r1, c2, r2 = range_boundaries(rng.replace("$", ""))
        out = []
        for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
            for c in row:
                s = self.label(c.value)
                if s != "":
                    out.append(s)
        return out

    def text(self, ws, cell, limit):
        words = " ".join(WORDS[(cell.row * 5 + cell.column * 3 + i) % len(WORDS)] for i in range(4))
        s = "%s %s!%s %s %s" % (self.tag, ws.title, cell.coordinate, words, LETTERS)
        if len(s) > limit:
            self.problems.append({"sheet": ws.title, "cell": cell.coordinate,
                                  "problem": "text limit %d shorter than the cell's own text" % limit})
            return None
        return s

    def record(self, ws, cell, kind, value):
        self.typed.append({"sheet": ws.title, "cell": cell.coordinate, "kind": kind, "value": value})

    def fill_text(self, ws, cell, dv, kind):
        limit = 32767
        if dv is not None and dv.operator in (None, "between") and dv.formula2 is not None:
            limit = int(float(dv.formula2))
        elif dv is not None and dv.operator == "lessThanOrEqual":
            limit = int(float(dv.formula1))
        elif dv is not None and dv.operator == "lessThan":
            limit = int(float(dv.formula1)) - 1
        s = self.text(ws, cell, limit)
        if s is not None:
            cell.value = s
            self.record(ws, cell, kind, s)

    def fill_date(self, ws, cell, dv):
        lo = int(float(dv.formula1))
        hi = int(float(dv.formula2)) if dv.formula2 is not None else lo + 365
        if dv.operator in ("greaterThan",):
            lo += 1
        if hi < lo:
            self.problems.append({"sheet": ws.title, "cell": cell.coordinate, "problem": "empty date range"})
            return
        n = len(self.typed)
        serial = lo + (n * 37) % (hi - lo + 1)
        epoch = datetime.date(1904, 1, 1) if self.wb.epoch.year == 1904 else datetime.date(1899, 12, 30)
        d = epoch + datetime.timedelta(days=serial)
        cell.value = d
        cell.number_format = "yyyy-mm-dd"
        self.record(ws, cell, "date", d.isoformat())

    def fill_list(self, ws, cell, dv):
        try:
            items = self.items(dv.formula1)
        except ValueError as e:
            self.problems.append({"sheet": ws.title, "cell": cell.coordinate, "problem": str(e)})
            return
        if not items:
            self.problems.append({"sheet": ws.title, "cell": cell.coordinate,
                                  "problem": "the list %s has no item" % dv.formula1})
            return
        # Turn through each list, so that every item is picked somewhere.
        i = self.picks.get(dv.formula1, 0)
        self.picks[dv.formula1] = i + 1
        label = items[i % len(items)]
        cell.value = label
        self.record(ws, cell, "choice", label)

    def check_prefilled(self):
        """A choice the workbook comes with is an item of its list."""
        for ws in self.wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            for dv in ws.data_validations.dataValidation:
                if dv.type != "list":
                    continue
                try:
                    items = self.items(dv.formula1)
                except ValueError:
                    continue  # reported when the cell is filled
                for rng in dv.sqref.ranges:
                    for row in ws.iter_rows(min_row=rng.min_row, max_row=rng.max_row,
                                            min_col=rng.min_col, max_col=rng.max_col):
                        for cell in row:
                            if cell.value is not None and str(cell.value) not in items:
                                self.problems.append({"sheet": ws.title, "cell": cell.coordinate,
                                                      "problem": "comes with %r, which is not in its list %s" % (cell.value, items)})

    def fill(self):
        self.check_prefilled()
        lists = []
        for ws in self.wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            dvs = list(ws.data_validations.dataValidation)
            for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column):
                for cell in row:
                    if cell.protection.locked is not False:
                        continue
                    dv = next((d for d in dvs if cell.coordinate in d.sqref), None)
                    if dv is None:
                        self.fill_text(ws, cell, None, "free")
                    elif dv.type == "list":
                        lists.append((ws, cell, dv))
                    elif dv.type == "date":
                        self.fill_date(ws, cell, dv)
                    elif dv.type == "textLength":
                        self.fill_text(ws, cell, dv, "text")
                    else:
                        self.problems.append({"sheet": ws.title, "cell": cell.coordinate,
                                              "problem": "a validation of type %s" % dv.type})
        # Lists last: their live labels quote the texts typed above.
        for ws, cell, dv in lists:
            self.fill_list(ws, cell, dv)


def main():
    tag, src, dst, typed = sys.argv[1:5]
    books = []
    for root, _, files in sorted(os.walk(src)):
        for name in sorted(files):
            if not name.endswith(".xlsx") or name.startswith("~$"):
                continue
            rel = os.path.relpath(os.path.join(root, name), src)
            wb = openpyxl.load_workbook(os.path.join(src, rel))
            f = Filler(wb, tag)
            f.fill()
            os.makedirs(os.path.dirname(os.path.join(dst, rel)), exist_ok=True)
            wb.save(os.path.join(dst, rel))
            books.append({"file": rel, "typed": f.typed, "problems": f.problems})
    with open(typed, "w", encoding="utf-8") as out:
        json.dump({"books": books}, out, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
