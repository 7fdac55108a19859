"""Values of the page controller as JSON, the same way in CPython and MicroPython.

The controller's state and effects hold tuples, bytes and two namedtuples, none of which
JSON has; this codec tags them, so a step recorded in CPython replays in MicroPython and the
results compare exactly. Runs in both interpreters (no dict order is relied on).
"""

from worksheets import answer_code, keeping, results

NAMED = {"Sealed": keeping.Sealed, "Envelope": keeping.Envelope}
#: Plain classes whose attributes are their constructor's keywords.
OBJECTS = {"Results": results.Results, "Fingerprint": answer_code.Fingerprint}


def encode(value):
    if isinstance(value, (bytes, bytearray)):
        return {"__bytes": "".join(f"{b:02x}" for b in value)}
    name = type(value).__name__
    if isinstance(value, tuple) and name in NAMED:
        return {"__named": name, "items": [encode(v) for v in value]}
    if name in OBJECTS and isinstance(value, OBJECTS[name]):
        return {"__object": name, "vars": encode(value.__dict__)}
    if isinstance(value, tuple):
        return {"__tuple": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"__dict": [[encode(k), encode(v)] for k, v in value.items()]}
    return value


def decode(value):
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if "__bytes" in value:
            return bytes(
                int(value["__bytes"][i : i + 2], 16) for i in range(0, len(value["__bytes"]), 2)
            )
        if "__named" in value:
            return NAMED[value["__named"]](*[decode(v) for v in value["items"]])
        if "__object" in value:
            return OBJECTS[value["__object"]](**decode(value["vars"]))
        if "__tuple" in value:
            return tuple(decode(v) for v in value["__tuple"])
        return {decode(k): decode(v) for k, v in value["__dict"]}
    return value


def canonical(value):
    """`encode`d data with every dict's pairs sorted: equal values, equal JSON."""
    if isinstance(value, list):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        if "__dict" in value:
            pairs = [[canonical(k), canonical(v)] for k, v in value["__dict"]]
            return {"__dict": sorted(pairs, key=lambda pair: repr(pair[0]))}
        return {k: canonical(value[k]) for k in value}
    return value
