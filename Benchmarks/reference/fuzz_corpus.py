"""A corpus of damaged and crafted HDF5 files for Noether's reliability checks
(docs/reliability.md). Needs numpy and h5py.

usage: fuzz_corpus.py OUT_DIR COUNT SEED BASE.h5 [BASE.h5 ...]

Writes COUNT files into OUT_DIR, cycling through the kinds below, each made from one of
the valid BASE files (Noether datasets or results files, named SYSTEM-*.h5 so that the
runner knows the system), plus a few special paths. A file's name says its kind, its
number and its base's system: `flip_header-00017-spring-mass.h5`.
"""
import os
import random
import shutil
import sys

import h5py
import numpy as np

KINDS = [
    "truncate", "flip_header", "flip_data", "zero_range", "remove_dataset", "wrong_dtype", "wrong_rank",
    "wrong_shape", "huge_declared", "nan_payload", "absurd_attribute", "time_order",
]


def mutate_bytes(data, kind, rng):
    data = bytearray(data)
    if kind == "truncate":
        return data[: rng.randrange(0, len(data))]
    if kind == "flip_header":
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(0, min(len(data), 4096))
            data[i] ^= 1 << rng.randrange(8)
        return data
    if kind == "flip_data":
        for _ in range(rng.randint(1, 32)):
            i = rng.randrange(0, len(data))
            data[i] = rng.randrange(256)
        return data
    if kind == "zero_range":
        start = rng.randrange(0, len(data))
        length = rng.randint(1, max(1, len(data) // 8))
        data[start:start + length] = bytes(min(length, len(data) - start))
        return data
    raise ValueError(kind)


def first_dataset(f):
    names = []
    f.visititems(lambda name, obj: names.append(name) if isinstance(obj, h5py.Dataset) else None)
    return names


def mutate_structure(path, kind, rng):
    with h5py.File(path, "r+") as f:
        names = first_dataset(f)
        if not names:
            return
        target = "states" if "states" in f else rng.choice(names)
        if kind == "remove_dataset":
            del f[rng.choice(names if rng.random() < 0.5 else [target])]
        elif kind == "wrong_dtype":
            shape = f[target].shape
            del f[target]
            choice = rng.randrange(3)
            if choice == 0:
                f[target] = np.zeros(shape, dtype=np.int8)
            elif choice == 1:
                f[target] = np.full(shape if len(shape) else (1,), b"x", dtype="S1")
            else:
                f.create_dataset(target, data=np.zeros(shape, dtype=[("a", "f8"), ("b", "i4")]))
        elif kind == "wrong_rank":
            data = f[target][()]
            del f[target]
            f[target] = data.reshape(-1) if rng.random() < 0.5 else data.reshape(data.shape + (1,))
        elif kind == "wrong_shape":
            data = f[target][()]
            del f[target]
            f[target] = data[: max(1, data.shape[0] - rng.randint(1, 3))] if data.ndim else data
        elif kind == "huge_declared":
            shape = f[target].shape
            del f[target]
            huge = (rng.choice([2 * 10**9, 10**12, 2**40]),) + tuple(shape[1:])
            f.create_dataset(target, shape=huge, dtype="f8", chunks=(1,) + tuple(shape[1:]), compression="gzip")
        elif kind == "nan_payload":
            data = f[target][()].astype("f8")
            flat = data.reshape(-1)
            for _ in range(rng.randint(1, 5)):
                flat[rng.randrange(flat.size)] = rng.choice([np.nan, np.inf, -np.inf])
            del f[target]
            f[target] = data
        elif kind == "absurd_attribute":
            key, value = rng.choice([
                ("system", "kepler"), ("system", "heat-equation"), ("system", "x" * 10000), ("noise", -1.0),
                ("noise", float("inf")), ("seed", -5), ("format_version", 99.0), ("format", "nonsense"),
                ("state_names", np.array([b"a"] * 7)), ("seeds", np.array([b"12x"])), ("cells", 1e12),
                ("methods", np.array([b"baseline"] * 3)),
            ])
            f.attrs[key] = value
        elif kind == "time_order":
            if "time" in f:
                t = f["time"][()]
                if t.size > 2:
                    t[rng.randrange(1, t.size)] = t[0]
                del f["time"]
                f["time"] = t
            elif "evaluation/time" in f:
                del f["evaluation/time"]
                f["evaluation/time"] = np.zeros(3)


TABLE_KINDS = ["ragged", "text_cell", "empty_cell", "nan_cell", "huge", "time_back", "single_sample",
               "missing_time", "truncated", "random_bytes", "bom_crlf", "cr_only", "quoted_newline",
               "long_line", "only_comments", "binary_junk"]


def valid_table(rng):
    rows = ["trial,t,x,v"]
    for trial in range(3):
        a = rng.uniform(0.5, 1.5)
        for k in range(20):
            t = 0.1 * k
            rows.append(f"{trial},{t:.1f},{a * (1 - t * t / 2):.6f},{-a * t:.6f}")
    return rows


def damaged_table(kind, rng):
    rows = valid_table(rng)
    k = rng.randrange(1, len(rows))
    if kind == "ragged":
        rows[k] = ",".join(rows[k].split(",")[:-1])
    elif kind == "text_cell":
        rows[k] = rows[k].rsplit(",", 1)[0] + ",abc"
    elif kind == "empty_cell":
        parts = rows[k].split(",")
        parts[2] = ""
        rows[k] = ",".join(parts)
    elif kind == "nan_cell":
        rows[k] = rows[k].rsplit(",", 1)[0] + ",nan"
    elif kind == "huge":
        rows[k] = rows[k].rsplit(",", 1)[0] + ",1e400"
    elif kind == "time_back":
        rows[k], rows[k - 1] = rows[k - 1], rows[k]
    elif kind == "single_sample":
        rows.append("9,0.0,1.0,0.0")
    elif kind == "missing_time":
        rows = [",".join(r.split(",")[::2]) for r in rows]
    text = "\n".join(rows) + "\n"
    if kind == "truncated":
        text = text[: rng.randrange(1, len(text))]
    elif kind == "random_bytes":
        data = bytearray(text.encode())
        for _ in range(rng.randrange(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    elif kind == "bom_crlf":
        text = "\ufeff" + text.replace("\n", "\r\n")
    elif kind == "cr_only":
        text = text.replace("\n", "\r")
    elif kind == "quoted_newline":
        text = text.replace("trial,t", '"tri\nal",t', 1)
    elif kind == "long_line":
        text += ",".join(["1.0"] * 100000) + "\n"
    elif kind == "only_comments":
        text = "# nothing here\n% nor here\n\n"
    elif kind == "binary_junk":
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4096)))
    return text.encode()


def write_tables(folder, per_kind, rng):
    """Tables of measurements, each damaged one way, for `noether inspect`/`import`."""
    os.makedirs(folder, exist_ok=True)
    for kind in TABLE_KINDS:
        for k in range(per_kind):
            with open(os.path.join(folder, f"table_{kind}-{k:05d}-record.csv"), "wb") as f:
                f.write(damaged_table(kind, rng))


def main():
    out, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    bases = sys.argv[4:]
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    for k in range(count):
        kind = KINDS[k % len(KINDS)]
        base = bases[rng.randrange(len(bases))]
        system = os.path.basename(base).split("--")[0]
        path = os.path.join(out, f"{kind}-{k:05d}-{system}.h5")
        if kind in ("truncate", "flip_header", "flip_data", "zero_range"):
            with open(base, "rb") as f:
                data = f.read()
            with open(path, "wb") as f:
                f.write(mutate_bytes(data, kind, rng))
        else:
            shutil.copyfile(base, path)
            try:
                mutate_structure(path, kind, rng)
            except Exception:
                pass  # a mutation h5py refuses leaves the copy as it is
    write_tables(os.path.join(out, "tables"), max(1, count // 100), rng)
    special = os.path.join(out, "special")
    os.makedirs(special, exist_ok=True)
    open(os.path.join(special, "empty-spring-mass.h5"), "w").close()
    os.makedirs(os.path.join(special, "directory-spring-mass.h5"), exist_ok=True)
    fifo = os.path.join(special, "fifo-spring-mass.h5")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    loop = os.path.join(special, "loop-spring-mass.h5")
    if not os.path.lexists(loop):
        os.symlink(loop, loop)
    table_fifo = os.path.join(special, "fifo-record.csv")
    if not os.path.exists(table_fifo):
        os.mkfifo(table_fifo)
    with open(os.path.join(special, "text-spring-mass.h5"), "w") as f:
        f.write("not an HDF5 file\n")


if __name__ == "__main__":
    main()
