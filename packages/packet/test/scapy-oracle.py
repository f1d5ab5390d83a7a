"""Differential-test oracle: builds and dissects packets with scapy (Debian's python3-scapy 2.5).

Reads one JSON request per line on stdin and writes one JSON answer per line on stdout:
  {"build": "<scapy expression>"}            -> {"hex": "..."} | {"error": "..."}
  {"dissect": "<hex>", "first": "Ether"}     -> {"layers": [{"name": ..., "fields": {...}}]} | {"error": ...}
Every request runs under a time limit: scapy 2.5 loops forever on some inputs (option 121 prefix > 32).
Field values: bytes -> {"bytes": hex}; tuples and lists -> arrays; flag values -> int; packet lists
(IP options) -> {"bytes": hex of their concatenation}.
"""
import json
import signal
import sys

from scapy.all import *  # noqa: F401,F403  (the expressions use scapy's names)
from scapy.all import NoPayload, Packet, conf
import scapy.layers.l2 as scapy_l2
from scapy.fields import FlagValue

conf.verb = 0
# Network safety: building must never send. An unset Ether dst would make scapy ARP for the next hop
# on a real interface; without resolvers it falls back to broadcast (our default too), and any other
# path to srp1 raises instead of sending.
conf.neighbor.resolvers.clear()


def refuse_to_send(*args, **kwargs):
    raise RuntimeError("the oracle never sends packets")


scapy_l2.srp1 = refuse_to_send
# An unset Ether src is the route interface's MAC in scapy; ours is all zeros: make scapy agree.
scapy_l2.SourceMACField.i2h = lambda self, pkt, x: scapy_l2.MACField.i2h(self, pkt, "00:00:00:00:00:00" if x is None else x)
LIMIT_SECONDS = 2


class Timeout(BaseException):
    """A BaseException: scapy turns any Exception inside a payload dissector into Raw, which would hide it."""


def on_alarm(signum, frame):
    raise Timeout()


signal.signal(signal.SIGALRM, on_alarm)


def encode(value):
    if isinstance(value, FlagValue):
        return int(value)
    if isinstance(value, (bytes, bytearray)):
        return {"bytes": bytes(value).hex()}
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, str)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, Packet) for v in value):
            return {"bytes": b"".join(bytes(v) for v in value).hex()}
        return [encode(v) for v in value]
    if isinstance(value, Packet):
        return {"bytes": bytes(value).hex()}
    return repr(value)


def dissect(hex_text, first):
    packet = globals()[first](bytes.fromhex(hex_text))
    layers = []
    layer = packet
    while layer is not None and not isinstance(layer, NoPayload):
        fields = {f.name: encode(layer.getfieldval(f.name)) for f in layer.fields_desc}
        layers.append({"name": layer.__class__.__name__, "fields": fields})
        layer = layer.payload
    return {"layers": layers}


def answer(request):
    signal.alarm(LIMIT_SECONDS)
    try:
        if "build" in request:
            return {"hex": bytes(eval(request["build"])).hex()}
        return dissect(request["dissect"], request.get("first", "Ether"))
    except Timeout:
        return {"error": "timeout: scapy did not finish in %d s" % LIMIT_SECONDS}
    except Exception as error:  # scapy raises many kinds; the test compares only the fact of failure
        return {"error": "%s: %s" % (type(error).__name__, error)}
    finally:
        signal.alarm(0)


for line in sys.stdin:
    line = line.strip()
    if line:
        print(json.dumps(answer(json.loads(line))), flush=True)
