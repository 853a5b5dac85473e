"""Runs `noether inspect FILE` on every file of a corpus (fuzz_corpus.py), and
`noether compare --data FILE` on every COMPARE_EVERY-th (0: none), on two processes, each with a
60 s limit, and counts the outcomes. Standard library only.

usage: fuzz_run.py NOETHER_BINARY CORPUS_DIR [COMPARE_EVERY]

A crash is a run ended by a signal or with an exit status other than 0, 1 and 64; a
hang, a run stopped at 60 s. A rejection (status 1 or 64) must be one line that names
the file; `compare` saying that no method completed on data it accepted counts as a run,
not a rejection. Prints every crash, hang and bad message, then the counts on one line.
"""
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile

LIMIT = 60


def system_of(name):
    match = re.match(r"[a-z_]+-\d{5}-(.+)\.h5$", name)
    return match.group(1) if match else "spring-mass"


def files(corpus):
    for root, dirs, names in os.walk(corpus):
        for name in sorted(names + [d for d in dirs if d.endswith(".h5") or d.endswith(".csv")]):
            yield os.path.join(root, name)


def run_one(binary, path, command, scratch):
    if command == "inspect":
        args = [binary, "inspect", path]
    else:
        out = os.path.join(scratch, os.path.basename(path) + "-results.h5")
        # A measured record (a table, or a base named record--*.h5) is a system of its own.
        named = system_of(os.path.basename(path))
        system = [] if path.endswith(".csv") or named == "record" else ["--system", named]
        args = [binary, "compare", "--data", path] + system + [
            "--methods", "sindy", "--epochs", "1", "--out", out, "--quiet"]
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=LIMIT, errors="replace")
    except subprocess.TimeoutExpired:
        return command, path, "hang", ""
    status = done.returncode
    message = done.stderr.strip()
    if status < 0 or status not in (0, 1, 64):
        return command, path, "crash", f"status {status}: {message[-300:]}"
    if status == 0:
        return command, path, "accepted", ""
    if command == "compare" and "no method completed" in message:
        return command, path, "ran", ""
    lines = [line for line in message.splitlines() if line.strip()]
    if len(lines) != 1:
        return command, path, "multi_line", message[-300:]
    if path not in lines[0] and os.path.basename(path) not in lines[0]:
        return command, path, "unnamed", lines[0]
    return command, path, "rejected", ""


def main():
    binary, corpus = sys.argv[1], sys.argv[2]
    compare_every = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    paths = list(files(corpus))
    jobs = [(p, "inspect") for p in paths] + [(p, "compare") for p in (paths[::compare_every] if compare_every > 0 else [])]
    counts = {"crash": 0, "hang": 0, "accepted": 0, "rejected": 0, "ran": 0, "multi_line": 0, "unnamed": 0}
    with tempfile.TemporaryDirectory() as scratch, concurrent.futures.ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(run_one, binary, p, c, scratch) for p, c in jobs]
        for k, future in enumerate(concurrent.futures.as_completed(futures)):
            command, path, outcome, detail = future.result()
            counts[outcome] += 1
            if outcome in ("crash", "hang", "multi_line", "unnamed"):
                print(f"{outcome}: {command} {path}: {detail}", file=sys.stderr)
            if (k + 1) % 1000 == 0:
                print(f"[fuzz] {k + 1}/{len(jobs)} runs", file=sys.stderr)
    print(json.dumps({"files": len(paths), "runs": len(jobs), "crashes": counts["crash"], "hangs": counts["hang"],
                      "accepted": counts["accepted"], "rejected": counts["rejected"],
                      "ran_no_method_completed": counts["ran"], "multi_line_messages": counts["multi_line"],
                      "messages_not_naming_the_file": counts["unnamed"], "limit_seconds": LIMIT}))


if __name__ == "__main__":
    main()
