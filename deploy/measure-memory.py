#!/usr/bin/env python3
"""Measures what one server needs, for deploy/k8s/measured-memory.properties (deploy/k8s/README.md).

Starts server/target/tandem-server.jar on the built models/ folder, waits for /ready, reads the
resident set idle, sends predictions to every bundle (with ?cache=false, so each one runs the model)
from CONC threads for SECS seconds, and reads it again, with the heap the JVM committed.

  python3 deploy/measure-memory.py                      # 8 clients, mixed text lengths, 90 s
  CONC=32 LONG=1 SECS=60 JTO="-XX:MaxRAM=4g -XX:MaxRAMPercentage=25" python3 deploy/measure-memory.py

JTO becomes JAVA_TOOL_OPTIONS (-XX:MaxRAM stands in for a container's memory limit); any TANDEM_*
variable set is passed on (TANDEM_JAR: another jar). Needs only Python 3 and Java.
"""
import json
import os
import random
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = int(os.environ.get("MEASURE_PORT", "18980"))
BASE = f"http://127.0.0.1:{PORT}"
CONC = int(os.environ.get("CONC", "8"))
SECS = int(os.environ.get("SECS", "90"))
LONG = bool(os.environ.get("LONG"))

env = dict(os.environ, TANDEM_MODELS=os.environ.get("TANDEM_MODELS", os.path.join(ROOT, "models")), PORT=str(PORT))
if os.environ.get("JTO"):
    env["JAVA_TOOL_OPTIONS"] = os.environ["JTO"]
log = open(os.environ.get("MEASURE_LOG", "/tmp/tandem-measure.log"), "w")
start = time.time()
server = subprocess.Popen(["java", "-jar", os.environ.get("TANDEM_JAR", os.path.join(ROOT, "server/target/tandem-server.jar"))],
                          cwd="/tmp", env=env, stdout=log, stderr=subprocess.STDOUT)


def rss_mib():
    return int(subprocess.check_output(["ps", "-o", "rss=", "-p", str(server.pid)]).strip()) / 1024


def call(path, body=None, ctype="application/json"):
    req = urllib.request.Request(BASE + path, data=body, method="POST" if body is not None else "GET",
                                 headers={"Content-Type": ctype} if body is not None else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError as e:
        return None, str(e).encode()


while True:
    status, body = call("/ready")
    if status == 200:
        break
    if server.poll() is not None or time.time() - start > 300:
        print("the server did not become ready:", status, body[:300])
        server.kill()
        sys.exit(1)
    time.sleep(0.2)
print("ready after %.1f s: %s" % (time.time() - start, json.loads(body)["models"]))
time.sleep(10)
print("idle RSS (10 s after ready): %.0f MiB" % rss_mib())


def digit_png(rnd):
    w = h = 28
    rows = b"".join(b"\x00" + bytes(rnd.randrange(256) if 6 < x < 22 and 4 < y < 24 and rnd.random() < 0.4 else 0
                                    for x in range(w)) for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


WORDS = ("the quick brown fox jumps over a lazy dog while servers batch requests and models embed long "
         "sentences about penguins islands").split()
counts, lock, stop = {}, threading.Lock(), time.time() + SECS


def client(seed):
    rnd = random.Random(seed)
    k = 0
    while time.time() < stop:
        k += 1
        if k % 6 == 0:
            model, ctype = "penguins", "application/json"
            body = json.dumps({"input": {"island": rnd.choice(["Biscoe", "Dream"]), "bill_length_mm": rnd.uniform(35, 50),
                                         "bill_depth_mm": 17.0, "flipper_length_mm": 200.0,
                                         "body_mass_g": rnd.uniform(3000, 5000), "sex": None}}).encode()
        elif k % 6 == 1:
            model, ctype, body = rnd.choice(["mnist-cnn", "lr-mnist", "mnist-cnn-generic"]), "image/png", digit_png(rnd)
        else:
            model, ctype = rnd.choice(["minilm-l6-v2", "bge-small-en-v15", "e5-small-v2", "tinybert"]), "application/json"
            words = rnd.choice([600] if LONG else [8, 64, 300])
            body = json.dumps({"input": " ".join(rnd.choice(WORDS) for _ in range(words))}).encode()
        status, _ = call(f"/api/v1/models/{model}/predict?cache=false", body, ctype)
        with lock:
            counts[f"{model} {status}"] = counts.get(f"{model} {status}", 0) + 1


threads = [threading.Thread(target=client, args=(i,)) for i in range(CONC)]
for t in threads:
    t.start()
rnd = random.Random(99)
for _ in range(2):
    status, _ = call("/api/v1/models/minilm-l6-v2/jobs",
                     json.dumps({"inputs": [" ".join(rnd.choice(WORDS) for _ in range(50)) for _ in range(256)]}).encode())
    print("job of 256 inputs:", status)
for t in threads:
    t.join()
time.sleep(2)
print("requests:", dict(sorted(counts.items())))
peak = int([line.split()[1] for line in open(f"/proc/{server.pid}/status") if line.startswith("VmHWM")][0]) / 1024
print("RSS after load: %.0f MiB, peak (VmHWM) %.0f MiB" % (rss_mib(), peak))
_, metrics = call("/metrics")
heap = sum(float(line.split()[-1]) for line in metrics.decode().splitlines()
           if line.startswith('jvm_memory_committed_bytes{area="heap"'))
print("heap committed: %.0f MiB; outside the heap: %.0f MiB" % (heap / 2**20, peak - heap / 2**20))
server.terminate()
stopping = time.time()
server.wait(timeout=60)
print("stopped on SIGTERM in %.1f s" % (time.time() - stopping))
