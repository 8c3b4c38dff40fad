#!/usr/bin/env python3
"""Validates every spec file against spec/schema.json.

Usage: python3 tools/check_schema.py [SPEC_DIR_OR_FILE ...]

Without arguments it checks every spec/**/*.yaml and spec/**/*.yml of the repository.
Prints `file: error at `path`: message` for each problem and exits 1 if any file fails
(2 if the schema itself is invalid). Needs `pip install jsonschema pyyaml`.

The schema covers the shape of a spec (what the loader in codegen/src/load.rs accepts);
the semantic rules of codegen/src/check.rs are checked by
`cargo run -p specbind -- generate` (or `check`).
"""

import json
import sys
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "spec" / "schema.json"


class StrictLoader(yaml.SafeLoader):
    """YAML loader that keeps timestamps and dates as strings (as the spec loader
    does for unquoted values it cannot type) and rejects duplicate keys."""


def _no_timestamps(loader, node):
    return loader.construct_scalar(node)


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _no_timestamps)


def _key_text(key, mark):
    # The spec loader reads integer and boolean keys as their text and rejects others.
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int):
        return str(key)
    raise yaml.constructor.ConstructorError(
        None, None, f"expected a string key, found {type(key).__name__}", mark
    )


def _mapping(loader, node, deep=False):
    out = {}
    for key_node, value_node in node.value:
        key = _key_text(loader.construct_object(key_node, deep=True), key_node.start_mark)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key `{key}`", key_node.start_mark
            )
        out[key] = loader.construct_object(value_node, deep=True)
    return out


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def spec_files(args):
    roots = [Path(a) for a in args] or [ROOT / "spec"]
    out = []
    for r in roots:
        if r.is_dir():
            out.extend(p for p in r.rglob("*") if p.suffix in (".yaml", ".yml"))
        else:
            out.append(r)
    return sorted(out)


def path_text(error):
    parts = []
    for p in error.absolute_path:
        parts.append(f"[{p}]" if isinstance(p, int) else ("." if parts else "") + str(p))
    return "".join(parts) or "<root>"


def main(argv):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    try:
        Draft202012Validator.check_schema(schema)
    except Exception as e:  # noqa: BLE001 - report any schema problem
        print(f"{SCHEMA}: invalid schema: {e}", file=sys.stderr)
        return 2
    validator = Draft202012Validator(schema)
    files = spec_files(argv)
    if not files:
        print("no spec files found", file=sys.stderr)
        return 1
    failed = 0
    for f in files:
        try:
            data = yaml.load(f.read_text(encoding="utf-8"), Loader=StrictLoader)
        except yaml.YAMLError as e:
            print(f"{f}: invalid YAML: {e}")
            failed += 1
            continue
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        for e in errors:
            print(f"{f}: error at `{path_text(e)}`: {e.message}")
        if errors:
            failed += 1
        else:
            print(f"{f}: ok")
    if failed:
        print(f"{failed} of {len(files)} file(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
