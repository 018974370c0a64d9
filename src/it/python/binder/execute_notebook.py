"""Executes one notebook with nbclient and the kernel "java" found on JUPYTER_PATH.

Usage: execute_notebook.py NOTEBOOK [TIMEOUT_PER_CELL]
Prints one JSON line: the kernel used, the code cell count, the errors (cell index, ename,
evalue) and the number of image/png outputs. Errors are collected, not raised, so the test sees
all of them.
"""
import json
import os
import sys

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

path = sys.argv[1]
timeout = int(sys.argv[2]) if len(sys.argv) > 2 else 300
nb = nbformat.read(path, as_version=4)
spec_dir = KernelSpecManager().find_kernel_specs().get("java")
client = NotebookClient(nb, kernel_name="java", timeout=timeout, allow_errors=True,
                        resources={"metadata": {"path": os.path.dirname(path)}})
client.execute()
errors, pngs, code_cells = [], 0, 0
for i, cell in enumerate(nb.cells):
    if cell.cell_type != "code":
        continue
    code_cells += 1
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            errors.append({"cell": i, "ename": out.get("ename"), "evalue": out.get("evalue")})
        if "image/png" in out.get("data", {}):
            pngs += 1
print(json.dumps({"kernel": spec_dir,
                  "code_cells": code_cells, "errors": errors, "png": pngs}))
