#!/usr/bin/env python3
"""Sizes of the built app (dist/), raw and brotli-compressed (quality 11, as the server's
precompressed or on-the-fly encoding would send it). Run after `cargo xtask test --stage build`.

    python3 scripts/bundle_size.py [dist]

Needs the `brotli` module (`pip install brotli`)."""
import pathlib
import sys

import brotli

dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
groups = {"wasm": [".wasm"], "js": [".js"], "css": [".css"], "other": []}
totals = {name: [0, 0] for name in groups}
for path in sorted(dist.iterdir()):
    if not path.is_file():
        continue
    data = path.read_bytes()
    packed = len(brotli.compress(data, quality=11))
    group = next((g for g, exts in groups.items() if path.suffix in exts), "other")
    if path.name == "sw.js":
        group = "other"
    totals[group][0] += len(data)
    totals[group][1] += packed
    print(f"{path.name:48} {len(data):>10,} B {packed:>10,} B br")
print()
for name, (raw, packed) in totals.items():
    print(f"{name:6} {raw:>10,} B raw {packed:>10,} B brotli")
raw = sum(t[0] for t in totals.values())
packed = sum(t[1] for t in totals.values())
print(f"{'total':6} {raw:>10,} B raw {packed:>10,} B brotli")
