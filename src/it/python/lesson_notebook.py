"""Execute one lesson notebook with quantlab's kernel; print a JSON summary as the last line.

Usage: python3 lesson_notebook.py NOTEBOOK TIMEOUT_S
Errors do not stop the run (allow_errors), so the summary lists every cell's outputs: the test
decides which errors are allowed (only "Your turn!" in exercise cells of a learner's notebook).
"""
import json
import sys
import time

import nbformat
from nbclient import NotebookClient


def main():
    path, timeout = sys.argv[1], int(sys.argv[2])
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="java", timeout=timeout, allow_errors=True)
    start = time.monotonic()
    client.execute()
    seconds = time.monotonic() - start
    cells = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outs = cell.get("outputs", [])
        cells.append({
            "index": i,
            "id": cell.get("id"),
            "tags": cell.get("metadata", {}).get("tags", []),
            "types": [o.get("output_type") for o in outs],
            "images": sum(1 for o in outs if "image/png" in o.get("data", {})),
            "errors": [{"ename": o.get("ename"), "evalue": o.get("evalue")}
                       for o in outs if o.get("output_type") == "error"],
            "stderr": "".join(o.get("text", "") for o in outs
                              if o.get("output_type") == "stream" and o.get("name") == "stderr"),
        })
    print(json.dumps({"seconds": seconds, "cells": cells}))


if __name__ == "__main__":
    main()
