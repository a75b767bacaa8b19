"""Drives the normative-csharp kernel with jupyter_client and prints what it observed as JSON.

The C# test (KernelProtocolTests) asserts on the printed values; this script only records them.
Run with Debian's /usr/bin/python3 and JUPYTER_PATH pointing at the installed kernelspec.
"""
import json
import sys
import time

from jupyter_client.manager import KernelManager

observed = {}
outputs = []


def collect(message):
    if message["msg_type"] in ("stream", "execute_result", "display_data", "error"):
        outputs.append({"type": message["msg_type"], "content": message["content"]})


def run(client, code, timeout=120):
    outputs.clear()
    started = time.perf_counter()
    reply = client.execute_interactive(code, timeout=timeout, output_hook=collect)
    return reply["content"], list(outputs), time.perf_counter() - started


def request(client, send, *args):
    """Sends a shell request and returns the content of its reply."""
    msg_id = send(*args)
    while True:
        reply = client.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def result_text(cell_outputs):
    return [o["content"]["data"]["text/plain"] for o in cell_outputs if o["type"] == "execute_result"]


def check(manager, started):
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=120)
    observed["ready_s"] = time.perf_counter() - started

    content, cell_outputs, _ = run(client, "1 + 1")
    observed["startup_to_first_result_s"] = time.perf_counter() - started
    observed["first_result"] = result_text(cell_outputs)

    info = request(client, client.kernel_info)
    observed["kernel_info"] = {k: info[k] for k in ("status", "protocol_version", "implementation")}
    observed["language_info"] = {k: info["language_info"][k] for k in ("name", "file_extension", "mimetype")}

    observed["is_complete"] = {
        code: request(client, client.is_complete, code)["status"]
        for code in ("var x = 1;", "if (true) {", "var s = \"open")
    }

    content, _, _ = run(client, "var trainingLoss = 0.25;")
    code = "var y = trainingL"
    reply = request(client, client.complete, code, len(code))
    observed["complete"] = {
        "status": reply["status"],
        "has_match": "trainingLoss" in reply["matches"],
        "cursor_start": reply["cursor_start"],
        "cursor_end": reply["cursor_end"],
    }
    reply = request(client, client.inspect, "trainingLoss", 3)
    observed["inspect"] = {"status": reply["status"], "found": reply["found"], "text": reply["data"].get("text/plain", "")}

    content, cell_outputs, _ = run(client, 'var a = 1;\nthrow new InvalidOperationException("boom");')
    observed["error_reply"] = {k: content.get(k) for k in ("status", "ename", "evalue")}
    observed["error_output"] = [o["content"]["ename"] for o in cell_outputs if o["type"] == "error"]
    observed["error_traceback_head"] = content.get("traceback", [""])[0]

    # Interrupt a long cell that observes the Cancellation token, then one that blocks in Thread.Sleep.
    for name, code in (("cooperative", "while (true) { Cancellation.ThrowIfCancellationRequested(); Thread.Sleep(10); }"),
                       ("blocking", "Thread.Sleep(TimeSpan.FromMinutes(10));")):
        msg_id = client.execute(code)
        time.sleep(2)
        interrupted_at = time.perf_counter()
        manager.interrupt_kernel()
        while True:
            message = client.get_shell_msg(timeout=60)
            if message["parent_header"].get("msg_id") == msg_id:
                break
        observed["interrupt_" + name] = {
            "status": message["content"]["status"],
            "ename": message["content"].get("ename"),
            "seconds_to_reply": time.perf_counter() - interrupted_at,
        }

    content, cell_outputs, _ = run(client, "trainingLoss * 4")
    observed["after_interrupt"] = result_text(cell_outputs)

    timings = []
    for i in range(10):
        _, _, seconds = run(client, f"var v{i} = {i} * 2;")
        timings.append(seconds)
    observed["trivial_cell_s"] = sorted(timings)

    process = manager.provisioner.process
    client.stop_channels()
    shutdown_started = time.perf_counter()
    manager.shutdown_kernel(now=False)
    observed["shutdown_s"] = time.perf_counter() - shutdown_started
    observed["alive_after_shutdown"] = manager.is_alive()
    observed["exit_code"] = process.wait(timeout=30)



started = time.perf_counter()
manager = KernelManager(kernel_name="normative-csharp")
try:
    check(manager, started)
except BaseException:
    # Never leave a kernel behind: it would outlive this script.
    if manager.has_kernel:
        manager.shutdown_kernel(now=True)
    raise
json.dump(observed, sys.stdout, indent=1)
