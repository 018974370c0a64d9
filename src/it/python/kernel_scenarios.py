"""Scenarios run against quantlab's Java kernel through jupyter_client; each prints one JSON object.

Usage: python3 kernel_scenarios.py SCENARIO [ARGS]   (JUPYTER_PATH must hold the "java" kernelspec)
Driven by the *IT classes in src/it/java/quantlab/kernel; the Java side asserts on the JSON.
"""
import json
import sys
import time

from jupyter_client.manager import KernelManager

TIMEOUT = 120


def start():
    km = KernelManager(kernel_name="java")
    t0 = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return km, kc, t0


def run(kc, code, timeout=TIMEOUT):
    """Executes code; returns (reply content, list of (msg_type, content)) for its iopub output."""
    outputs = []

    def hook(msg):
        if msg["msg_type"] in ("stream", "execute_result", "display_data", "error", "update_display_data"):
            outputs.append((msg["msg_type"], msg["content"]))

    reply = kc.execute_interactive(code, timeout=timeout, output_hook=hook)
    return reply["content"], outputs


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def cpu_seconds(km):
    """User + system CPU seconds used so far by the kernel process (Linux /proc)."""
    import os
    try:
        pid = km.provisioner.process.pid
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except Exception:
        return -1.0


def scenario_timing():
    import os
    km, kc, t0 = start()
    ready = time.monotonic() - t0
    content, _ = run(kc, "1 + 1")
    first = time.monotonic() - t0
    first_cpu = cpu_seconds(km)
    load = os.getloadavg()[0]
    chart = ("var c = new XYChart(600, 400); c.setTitle(\"sin\");"
             " double[] xs = new double[200], ys = new double[200];"
             " for (int i = 0; i < 200; i++) { xs[i] = i / 20.0; ys[i] = Math.sin(xs[i]); }"
             " c.addSeries(\"sin\", xs, ys); c")
    cpu1 = cpu_seconds(km)
    t1 = time.monotonic()
    content2, outs = run(kc, chart)
    chart_first = time.monotonic() - t1
    chart_cpu = cpu_seconds(km) - cpu1
    t2 = time.monotonic()
    content3, outs3 = run(kc, "c")
    chart_again = time.monotonic() - t2
    stop(km, kc)
    print(json.dumps({"ready_s": ready, "first_cell_s": first, "first_cell_cpu_s": first_cpu,
                      "load_average": load, "cores": os.cpu_count(), "first_status": content["status"],
                      "chart_cell_s": chart_first, "chart_cell_cpu_s": chart_cpu, "chart_rerender_s": chart_again,
                      "chart_status": content2["status"],
                      "chart_mimes": sorted(outs[-1][1].get("data", {}).keys()) if outs else []}))


def scenario_interrupt():
    km, kc, _ = start()
    run(kc, "int kept = 7;")
    msg_id = kc.execute("long spins = 0;\nwhile (true) {\n  spins++;\n"
                        "  if (spins == 1) System.out.println(\"spinning\");\n}")
    # wait until the loop runs (the cell compiles first): it prints once
    deadline = time.monotonic() + 120
    spinning = False
    while time.monotonic() < deadline and not spinning:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        spinning = (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream"
                    and "spinning" in msg["content"]["text"])
    time.sleep(0.5)
    t0 = time.monotonic()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
    stopped_after = time.monotonic() - t0
    after, outs = run(kc, "kept + 1")
    result = [c["data"]["text/plain"] for t, c in outs if t == "execute_result"]
    spins, outs2 = run(kc, "spins > 0")
    spins_result = [c["data"]["text/plain"] for t, c in outs2 if t == "execute_result"]
    stop(km, kc)
    print(json.dumps({"stopped_after_s": stopped_after, "reply_status": reply["content"]["status"],
                      "ename": reply["content"].get("ename"), "after_status": after["status"],
                      "after_result": result, "spins_result": spins_result}))


def scenario_exit():
    km, kc, _ = start()
    run(kc, "int kept = 5;")
    content, outs = run(kc, "System.out.println(\"before\");\nSystem.exit(3);\nSystem.out.println(\"after\");")
    streams = "".join(c["text"] for t, c in outs if t == "stream")
    errors = [c for t, c in outs if t == "error"]
    content2, outs2 = run(kc, "Runtime.getRuntime().halt(4)")
    content3, outs3 = run(kc, "kept * 2")
    result = [c["data"]["text/plain"] for t, c in outs3 if t == "execute_result"]
    alive = km.is_alive()
    stop(km, kc)
    print(json.dumps({"status": content["status"], "ename": content.get("ename"),
                      "traceback": errors[0]["traceback"] if errors else [], "streams": streams,
                      "halt_status": content2["status"], "after_result": result, "alive": alive}))


def scenario_forged():
    import hmac
    import hashlib
    import uuid
    import zmq
    km, kc, _ = start()
    info = km.get_connection_info()
    ports = [info[k] for k in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")]
    listening = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                for line in f.readlines()[1:]:
                    parts = line.split()
                    local, state = parts[1], parts[3]
                    addr, port = local.rsplit(":", 1)
                    port = int(port, 16)
                    if state == "0A" and port in ports:
                        listening.setdefault(port, []).append(addr)
        except FileNotFoundError:
            pass
    # a message signed with the wrong key, sent straight to the shell socket
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.DEALER)
    sock.connect("tcp://%s:%d" % (info["ip"], info["shell_port"]))
    header = json.dumps({"msg_id": str(uuid.uuid4()), "username": "x", "session": str(uuid.uuid4()),
                         "date": "2026-01-01T00:00:00.000000Z", "msg_type": "execute_request",
                         "version": "5.3"}).encode()
    content = json.dumps({"code": "int forged = 1; System.out.println(\"FORGED\");", "silent": False,
                          "store_history": True, "user_expressions": {}, "allow_stdin": False,
                          "stop_on_error": True}).encode()
    frames = [header, b"{}", b"{}", content]
    sig = hmac.new(b"not-the-key", digestmod=hashlib.sha256)
    for f in frames:
        sig.update(f)
    sock.send_multipart([b"<IDS|MSG>", sig.hexdigest().encode()] + frames)
    time.sleep(2)
    forged_reply = sock.poll(1000)
    sock.close(linger=0)
    # the kernel must still answer properly signed messages, and must not have run the code
    content_after, outs = run(kc, "forged")
    answered = kc.kernel_info()
    ki = kc.get_shell_msg(timeout=TIMEOUT)
    stop(km, kc)
    print(json.dumps({"ip": info["ip"], "listening": {str(k): v for k, v in listening.items()},
                      "forged_reply": bool(forged_reply), "after_status": content_after["status"],
                      "after_ename": content_after.get("ename"),
                      "kernel_info_status": ki["content"].get("status")}))


def scenario_clear():
    """clearOutput() / clearOutput(true) between other output: the order of iopub messages."""
    km, kc, _ = start()
    msg_id = kc.execute('System.out.print("a");\nclearOutput();\nSystem.out.println("b");\n'
                        'clearOutput(true);\ndisplay("c");\n'
                        'new Thread(() -> { clearOutput(); System.out.println("d"); }).start();\n'
                        'Thread.sleep(500);')
    seen = []
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t, c = msg["msg_type"], msg["content"]
        if t == "status" and c["execution_state"] == "idle":
            break
        if t == "stream":
            seen.append("stream:" + c["text"])
        elif t == "clear_output":
            seen.append("clear_output:wait=%s" % c["wait"])
        elif t == "display_data":
            seen.append("display_data:" + c["data"].get("text/plain", ""))
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    # the kernel carries on normally afterwards
    after, outs = run(kc, "clearOutput(true); 1")
    stop(km, kc)
    print(json.dumps({"status": reply["content"]["status"], "seen": seen,
                      "after_status": after["status"]}))


def scenario_soak(n):
    km, kc, _ = start()
    heap = "System.gc(); System.gc(); (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1024"
    samples = []
    failures = 0
    t0 = time.monotonic()
    for i in range(n):
        # each cell makes 1 MB of data; a kernel that kept it would grow 1 GB over 1,000 cells
        code = "double[] tmp = new double[%d];\nArrays.fill(tmp, %d);\ntmp[tmp.length - 1]" % (131072 + i, i)
        content, outs = run(kc, code)
        if content["status"] != "ok":
            failures += 1
        if i in (99, n // 2 - 1, n - 1):
            c2, o2 = run(kc, heap)
            kb = [int(c["data"]["text/plain"]) for t, c in o2 if t == "execute_result"]
            samples.append({"cells": i + 1, "heap_kb": kb[0] if kb else -1})
    elapsed = time.monotonic() - t0
    stop(km, kc)
    print(json.dumps({"cells": n, "failures": failures, "samples": samples, "seconds": elapsed}))


def scenario_notebook(path):
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="java", timeout=TIMEOUT, allow_errors=True)
    t0 = time.monotonic()
    client.execute()
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outs = []
        for o in cell.get("outputs", []):
            entry = {"output_type": o["output_type"]}
            if "data" in o:
                entry["mimes"] = sorted(o["data"].keys())
            if o["output_type"] == "error":
                entry["ename"] = o["ename"]
                entry["traceback"] = o["traceback"]
            if o["output_type"] == "stream":
                entry["name"] = o["name"]
                entry["text"] = o["text"]
            outs.append(entry)
        cells.append(outs)
    print(json.dumps({"seconds": time.monotonic() - t0, "cells": cells}))


if __name__ == "__main__":
    name = sys.argv[1]
    if name == "soak":
        scenario_soak(int(sys.argv[2]))
    elif name == "notebook":
        scenario_notebook(sys.argv[2])
    else:
        globals()["scenario_" + name]()
