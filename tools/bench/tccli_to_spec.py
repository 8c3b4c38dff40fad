#!/usr/bin/env python3
"""Converts a tccli api.json into a specbind spec of the same shape, for benchmarks.

This is a measuring tool, not the importer: every operation, parameter, field and
model keeps its name, type, required flag and example, and the docs are kept
verbatim, but no rules are mined and `float` members become `string`, which the spec
format does not have yet. Usage: tccli_to_spec.py API_JSON OUT_YAML
"""
import json
import sys

PRIM = {"string": "string", "int64": "int64", "uint64": "uint64", "bool": "boolean",
        "float": "string", "int32": "int32", "integer": "int64", "double": "string",
        "binary": "string", "date": "string", "datetime": "string", "datetime_iso": "string"}


def q(s):
    return json.dumps(s, ensure_ascii=False)


def field(m, lines, indent, objects, output):
    pad = " " * indent
    lines.append(f"{pad}{m['name']}:")
    t, member = m["type"], m.get("member")
    if t == "list":
        lines.append(f"{pad}  type: list")
        if member in objects:
            lines.append(f"{pad}  items: {{type: object, model: {member}}}")
        else:
            lines.append(f"{pad}  items: {{type: {PRIM.get(member, 'string')}}}")
    elif t == "object" or member in objects:
        lines.append(f"{pad}  type: object")
        lines.append(f"{pad}  model: {member}")
    else:
        lines.append(f"{pad}  type: {PRIM.get(member, 'string')}")
    required = m.get("output_required") if output else m.get("required")
    if required and not output:
        lines.append(f"{pad}  required: true")
    if m.get("document"):
        lines.append(f"{pad}  doc: {q(m['document'])}")


def main():
    api = json.load(open(sys.argv[1], encoding="utf-8"))
    meta = api["metadata"]
    objects = {k: v for k, v in api["objects"].items()
               if not (k.endswith("Request") or k.endswith("Response")) or k not in
               {a["input"] for a in api["actions"].values()} | {a["output"] for a in api["actions"].values()}}
    name = meta["serviceShortName"]
    lines = [
        "service:",
        "  provider: tencent",
        f"  name: {name}",
        f"  product: {name}",
        f"  version: {q(meta['apiVersion'])}",
        f"  endpoint: https://{name}.tencentcloudapi.com",
        f"  doc: {q(meta.get('api_brief', ''))}",
        "models:",
    ]
    for oname, obj in sorted(objects.items()):
        lines.append(f"  {oname}:")
        if obj.get("document"):
            lines.append(f"    doc: {q(obj['document'])}")
        lines.append("    fields:")
        for m in obj["members"]:
            field(m, lines, 6, objects, True)
    lines.append("operations:")
    for aname, act in sorted(api["actions"].items()):
        lines.append(f"  {aname}:")
        lines.append(f"    doc: {q(act.get('document', ''))}")
        for part, key, output in (("request", "input", False), ("response", "output", True)):
            members = api["objects"][act[key]]["members"]
            if not members:
                continue
            lines.append(f"    {part}:")
            for m in members:
                field(m, lines, 6, objects, output)
    open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
