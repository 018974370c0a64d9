"""Execute notebooks headless with nbclient; print one line per notebook and exit 1 on failure.

Usage: python3 run_notebooks.py KERNEL_NAME TIMEOUT_S WRITE(0|1) NOTEBOOK...
Run by `./quantlab run-notebooks`.
"""
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main():
    kernel, timeout, write = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
    failures = 0
    total = 0.0
    for path in sys.argv[4:]:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, kernel_name=kernel, timeout=timeout,
                                resources={"metadata": {"path": str(__import__("pathlib").Path(path).parent)}})
        start = time.monotonic()
        error = None
        try:
            client.execute()
        except CellExecutionError as e:
            error = str(e).strip().splitlines()
            error = next((l for l in reversed(error) if l.strip()), "error")
        except Exception as e:  # kernel died, timeout, ...
            error = "%s: %s" % (type(e).__name__, e)
        elapsed = time.monotonic() - start
        total += elapsed
        cells = sum(1 for c in nb.cells if c.cell_type == "code")
        if error is None:
            print("ok    %6.1f s  %3d cells  %s" % (elapsed, cells, path), flush=True)
            if write:
                nbformat.write(nb, path)
        else:
            failures += 1
            print("FAIL  %6.1f s  %3d cells  %s\n      %s" % (elapsed, cells, path, error), flush=True)
    print("%d notebook(s), %d failed, %.1f s in all" % (len(sys.argv) - 4, failures, total), flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
