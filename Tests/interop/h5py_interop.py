"""Interop check between Noether's HDF5 files and h5py.

    python h5py_interop.py read  NOETHER_FILE.h5  TRAJECTORIES POINTS DIMENSION
    python h5py_interop.py write OUT.h5

`read` opens a file Noether wrote and checks shapes, values and attributes;
`write` writes a small file in Noether's layout the way an h5py user would
(fixed-length byte-string attributes, int64 split, float32 time) for Noether to read.
"""
import sys

import h5py
import numpy as np


def check_read(path, n, t, d):
    with h5py.File(path, "r") as f:
        assert f.attrs["format"] == "noether-trajectories", f.attrs["format"]
        assert float(f.attrs["format_version"]) == 1.0
        assert f.attrs["system"] == "kepler", f.attrs["system"]
        assert list(f.attrs["state_names"]) == ["x", "y", "vx", "vy"]
        assert int(f.attrs["seed"]) == 2023
        assert abs(float(f.attrs["noise"]) - 0.01) < 1e-15
        states = f["states"][...]
        derivatives = f["derivatives"][...]
        time = f["time"][...]
        split = f["split"][...]
        assert states.shape == (n, t, d), states.shape
        assert derivatives.shape == (n, t, d)
        assert states.dtype == np.float64
        assert time.shape == (t,) and time[0] == 0.0
        assert np.allclose(np.diff(time), time[1] - time[0])
        assert split.shape == (n,) and set(split.tolist()) <= {0, 1}
        assert (split[: n // 2] == 0).all() and (split[n // 2 :] == 1).all()
        energy = f["invariants/energy"][...]
        momentum = f["invariants/angular-momentum"][...]
        assert energy.shape == (n, t)
        # Exact invariants are constant along each trajectory.
        assert np.abs(energy - energy[:, :1]).max() < 1e-7
        assert np.abs(momentum - momentum[:, :1]).max() < 1e-7
        # The noisy states scatter about the exact energy by about the noise level.
        x, y, vx, vy = (states[..., k] for k in range(4))
        noisy_energy = 0.5 * (vx**2 + vy**2) - 1 / np.sqrt(x**2 + y**2)
        assert np.median(np.abs(noisy_energy - energy)) < 0.2
        assert np.isfinite(states).all()
    print(f"h5py read {path}: states {states.shape}, attributes and invariants OK")


def write(path):
    rng = np.random.default_rng(0)
    n, t = 4, 7
    time = np.linspace(0, 3, t).astype(np.float32)
    q0 = rng.uniform(-1, 1, n)
    p0 = rng.uniform(-1, 1, n)
    tt = time.astype(np.float64)[None, :]
    q = q0[:, None] * np.cos(2 * tt) + p0[:, None] * np.sin(2 * tt)
    p = p0[:, None] * np.cos(2 * tt) - q0[:, None] * np.sin(2 * tt)
    states = np.stack([q, p], axis=-1)
    derivatives = np.stack([2 * p, -2 * q], axis=-1)
    with h5py.File(path, "w") as f:
        f.attrs["format"] = np.bytes_("noether-trajectories")  # fixed-length string
        f.attrs["format_version"] = 1
        f.attrs["system"] = "spring-mass"  # variable-length string
        f.attrs["state_names"] = np.array([b"q", b"p"])  # fixed-length string array
        f.attrs["noise"] = 0.0
        f.attrs["seed"] = 7
        f.attrs["protocol"] = np.bytes_("from-h5py")
        f["states"] = states
        f["derivatives"] = derivatives
        f["time"] = time
        f["split"] = np.array([0, 0, 1, 1], dtype=np.int64)
        f["invariants/energy"] = q**2 + p**2
    print(f"h5py wrote {path}")


if __name__ == "__main__":
    if sys.argv[1] == "read":
        check_read(sys.argv[2], *map(int, sys.argv[3:6]))
    else:
        write(sys.argv[2])
