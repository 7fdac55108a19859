"""Replays recorded controller steps in whatever interpreter runs it; prints one JSON line each.

Run by tests/portable/test_micropython.py in MicroPython (the page's interpreter) on the steps
that tests/unit/test_page.py makes in CPython: the outputs must be the same.
"""

import json
import sys

from codec import canonical, decode, encode

import worksheets
from worksheets import page


def replay(records):
    for sheet_id, state, name, data in records:
        sheet = worksheets.get(sheet_id)
        try:
            new_state, effects = page.step(sheet, decode(state), name, decode(data))
            result = {"state": canonical(encode(new_state)), "effects": canonical(encode(effects))}
        except Exception as error:  # the same refusal in both is a pass too
            result = {"error": type(error).__name__}
            if hasattr(sys, "print_exception"):  # MicroPython: the traceback, for whoever reads
                sys.print_exception(error, sys.stderr)
        print(json.dumps(result))


if __name__ == "__main__":
    with open("/app/input.json") as source:
        replay(json.loads(source.read()))
