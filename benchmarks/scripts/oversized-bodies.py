#!/usr/bin/env python3
"""Memory check of the body limit (not a test): N concurrent chunked bodies of SIZE bytes each to
POST /v1/widgets/x/sessions, then GET /actuator/health. Prints the status counts.

    python3 benchmarks/scripts/oversized-bodies.py [base-url] [n] [size-bytes]
"""
import collections
import socket
import sys
import threading
import time
import urllib.parse
import urllib.request

base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
size = int(sys.argv[3]) if len(sys.argv) > 3 else 10 * 1024 * 1024
url = urllib.parse.urlparse(base)
host, port = url.hostname, url.port or 80
statuses = collections.Counter()
sent = []
lock = threading.Lock()


def one():
    s = socket.create_connection((host, port), timeout=120)
    chunk = b" " * 16384
    frame = b"%x\r\n" % len(chunk) + chunk + b"\r\n"
    written = 0
    status = "no answer"
    try:
        s.sendall(b"POST /v1/widgets/wgt_memorycheck/sessions HTTP/1.1\r\nHost: %s\r\n"
                  b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" % host.encode())
        while written < size:
            s.sendall(frame)
            written += len(chunk)
        s.sendall(b"0\r\n\r\n")
    except OSError:
        pass  # the server closed the connection after answering
    try:
        answer = s.recv(4096).split(b"\r\n", 1)[0].decode()
        status = answer.split(" ")[1] if answer else "closed"
    except OSError as e:
        status = "reset before answer"
    finally:
        s.close()
    with lock:
        statuses[status] += 1
        sent.append(written)


start = time.time()
threads = [threading.Thread(target=one) for _ in range(n)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.time() - start
with urllib.request.urlopen(base + "/actuator/health", timeout=10) as r:
    health = r.status, r.read().decode()
print(f"{n} bodies of {size} bytes in {elapsed:.1f} s: statuses {dict(statuses)}; "
      f"body bytes each client could write before the server closed (socket buffers included): max {max(sent)}, min {min(sent)}")
print(f"health afterwards: {health}")
