#!/usr/bin/env python3
"""Writes a synthetic Tencent-shaped specbind spec, for the compile-cost script.

N operations (default 1,000), each with 8 request parameters (a required string ID
with a prefix, a string with a length bound, an enum, two integers with ranges, a
boolean, a list of strings, and an optional model) and a response of a total count,
a list of one of the shared models and the request ID; 50 shared models of 8 fields
each (strings, integers, a boolean, an enum, a list) and 20 enums of 4 to 7 values.
Deterministic: the same arguments write the same bytes.
Usage: synth_spec.py OUT_YAML [OPERATIONS]
"""
import sys

N_MODELS = 50
N_ENUMS = 20
VERBS = ["Describe", "Create", "Modify", "Delete", "List", "Update", "Get", "Enable",
         "Disable", "Attach"]
NOUNS = ["Instance", "Policy", "Member", "Account", "Role", "Group", "Unit", "Task",
         "Resource", "Quota"]


def main():
    out = sys.argv[1]
    n_ops = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    lines = [
        "# Synthetic spec of the Tencent shape, written by tools/bench/synth_spec.py.",
        "service:",
        "  provider: tencent",
        "  name: synth",
        "  product: synth",
        '  version: "2021-03-31"',
        "  endpoint: https://synth.tencentcloudapi.com",
        f"  doc: A synthetic service of {n_ops} operations, for compile-cost measurements.",
        "enums:",
    ]
    for e in range(N_ENUMS):
        lines.append(f"  Kind{e:02}:")
        lines.append(f"    doc: Synthetic enum number {e}.")
        lines.append("    values:")
        for v in range(4 + e % 4):
            lines.append(f"      Value{v}: The value number {v} of the enum Kind{e:02}.")
    lines.append("models:")
    for m in range(N_MODELS):
        lines += [
            f"  Record{m:02}:",
            f"    doc: Synthetic model number {m}, shared by several operations.",
            "    fields:",
            "      Id:",
            "        type: string",
            "        doc: The record ID.",
            "      Name:",
            "        type: string",
            "        doc: The record name.",
            "      Size:",
            "        type: int64",
            "        doc: The size in bytes.",
            "      Count:",
            "        type: uint64",
            "        doc: The number of items.",
            "      Enabled:",
            "        type: boolean",
            "        doc: Whether the record is enabled.",
            "      Kind:",
            "        type: enum",
            f"        enum: Kind{m % N_ENUMS:02}",
            "        doc: The kind of the record.",
            "      Tags:",
            "        type: list",
            "        items: {type: string}",
            "        doc: The tags of the record.",
            "      CreatedTime:",
            "        type: string",
            "        doc: The creation time, ISO 8601.",
        ]
    lines.append("operations:")
    for i in range(n_ops):
        name = f"{VERBS[i % len(VERBS)]}{NOUNS[(i // len(VERBS)) % len(NOUNS)]}{i:04}"
        model = f"Record{i % N_MODELS:02}"
        enum = f"Kind{i % N_ENUMS:02}"
        lines += [
            f"  {name}:",
            f"    doc: Synthetic operation number {i}; returns a page of {model}.",
            "    request:",
            "      ZoneId:",
            "        type: string",
            "        required: true",
            "        prefix: z-",
            "        doc: The space ID.",
            "        example: z-abcdefgh",
            "      Name:",
            "        type: string",
            "        length: {min: 1, max: 64}",
            "        doc: The name to filter by.",
            "      Kind:",
            "        type: enum",
            f"        enum: {enum}",
            "        doc: The kind to filter by.",
            "      Offset:",
            "        type: uint64",
            "        range: {min: 0, max: 100000}",
            "        doc: The offset of the first entry.",
            "      Limit:",
            "        type: int64",
            "        range: {min: 1, max: 100}",
            "        default: 20",
            "        doc: The maximum number of entries per page.",
            "      DryRun:",
            "        type: boolean",
            "        doc: Whether to check the request without acting on it.",
            "      Tags:",
            "        type: list",
            "        items: {type: string}",
            "        doc: Tags to filter by.",
            "      Filter:",
            "        type: object",
            f"        model: Record{(i + 7) % N_MODELS:02}",
            "        doc: A record whose set fields filter the results.",
            "    response:",
            "      TotalCount:",
            "        type: int64",
            "        doc: The number of entries that match the request.",
            "      Items:",
            "        type: list",
            f"        items: {{type: object, model: {model}}}",
            "        doc: The entries of this page.",
            "      RequestId:",
            "        type: string",
            "        required: true",
            "        doc: The unique request ID.",
        ]
    open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
