#!/usr/bin/env python3
"""Converts a tccli api.json into an OpenAPI 3.0 document, for the compile-cost peer.

The peer (progenitor) is given the same operations, fields and docs that
`specbind import tencent` gives specbind: one `POST /{Action}` per action, with a JSON request
body from the action's input object and a 200 response from its output object; every
object is a component schema. Types: string; int64/uint64 as `integer` with that
format; bool as `boolean`; float as `number`; lists as arrays; objects as `$ref`.
Inputs keep their required flags and outputs mark nothing required (as import
marks response fields present but nullable, so both generators make the same fields
optional), and Tencent's
`{"Response": ...}` envelope is not modelled (progenitor has no notion of it).
Usage: tccli_to_openapi.py API_JSON OUT_JSON
"""
import json
import sys

PRIM = {
    "string": {"type": "string"},
    "int64": {"type": "integer", "format": "int64"},
    "integer": {"type": "integer", "format": "int64"},
    "uint64": {"type": "integer", "format": "uint64"},
    "int32": {"type": "integer", "format": "int32"},
    "bool": {"type": "boolean"},
    "float": {"type": "number", "format": "double"},
    "double": {"type": "number", "format": "double"},
}


def member_schema(m, objects):
    t, member = m["type"], m.get("member")

    def one(name):
        if name in objects:
            return {"$ref": f"#/components/schemas/{name}"}
        return dict(PRIM.get(name, {"type": "string"}))

    if t == "list":
        s = {"type": "array", "items": one(member)}
    else:
        s = one(member)
    if m.get("document"):
        if "$ref" in s:
            # OpenAPI 3.0 ignores siblings of $ref; wrap to keep the doc.
            s = {"allOf": [s], "description": m["document"]}
        else:
            s["description"] = m["document"]
    return s


def object_schema(obj, objects, output):
    props, required = {}, []
    for m in obj["members"]:
        props[m["name"]] = member_schema(m, objects)
        if m.get("required") and not output:
            required.append(m["name"])
    s = {"type": "object", "properties": props}
    if required:
        s["required"] = required
    if obj.get("document"):
        s["description"] = obj["document"]
    return s


def main():
    api = json.load(open(sys.argv[1], encoding="utf-8"))
    meta = api["metadata"]
    objects = api["objects"]
    outputs = {a["output"] for a in api["actions"].values()}
    schemas = {name: object_schema(obj, objects, name in outputs)
               for name, obj in sorted(objects.items())}
    paths = {}
    for aname, act in sorted(api["actions"].items()):
        op = {
            "operationId": aname,
            "description": act.get("document", ""),
            "requestBody": {
                "required": True,
                "content": {"application/json": {
                    "schema": {"$ref": f"#/components/schemas/{act['input']}"}}},
            },
            "responses": {"200": {
                "description": "successful operation",
                "content": {"application/json": {
                    "schema": {"$ref": f"#/components/schemas/{act['output']}"}}},
            }},
        }
        paths[f"/{aname}"] = {"post": op}
    doc = {
        "openapi": "3.0.3",
        "info": {"title": meta["serviceShortName"], "version": meta["apiVersion"],
                 "description": meta.get("api_brief", "")},
        "servers": [{"url": f"https://{meta['serviceShortName']}.tencentcloudapi.com"}],
        "paths": paths,
        "components": {"schemas": schemas},
    }
    json.dump(doc, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
