#!/usr/bin/env python3
"""Memory and threads per open event stream (issue 10): opens N widget streams (GET /v1/stream) on a
running server, each for its own anonymous session, then reads the server's RSS and thread count
from /proc and measures delivery: agent replies posted at a steady rate to conversations of open
streams, timed from just before the POST until the event arrives on its stream.

Usage: open-streams.py BASE_URL SERVER_PID SYSTEM_KEY STREAMS [REPLIES] [REPLIES_PER_SECOND]
The server needs VISITORAUTH_NEW_VISITOR_LIMIT and VISITORAUTH_CONVERSATION_LIMIT above STREAMS
(every session comes from 127.0.0.1). Standard library only.
Two nodes on one database: REPLY_BASE_URL=<the other node's URL> posts the agent replies there, so
every event crosses from that node to the one holding the streams (BASE_URL, SERVER_PID).
HOLD_SECONDS=<s> keeps the streams open that long after the replies (to inspect the server's heap).
"""
import asyncio
import json
import os
import resource
import statistics
import sys
import time
import urllib.request
from urllib.parse import urlparse


def call(base, method, path, bearer=None, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if bearer:
        req.add_header("Authorization", "Bearer " + bearer)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"{}")


def proc(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            fields[k] = v.strip()
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["Threads"])


class Stream:
    def __init__(self, token, conversation):
        self.token = token
        self.conversation = conversation
        self.opened = asyncio.Event()
        self.waiting = {}  # message text -> future

    async def run(self, host, port):
        reader, writer = await asyncio.open_connection(host, port)
        writer.write((f"GET /v1/stream HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n"
                      f"Authorization: Bearer {self.token}\r\n\r\n").encode())
        await writer.drain()
        status = await reader.readline()
        if b" 200 " not in status:
            raise RuntimeError(status)
        while True:
            line = await reader.readline()
            if not line:
                return
            if line.startswith(b":"):
                self.opened.set()
            elif line.startswith(b"data:"):
                text = json.loads(line[5:])["data"].get("text")
                f = self.waiting.pop(text, None)
                if f:
                    f.set_result(time.perf_counter())
            elif not line.strip() or line[0:1].isdigit() or line.startswith(b"HTTP") or b":" in line[:30]:
                continue


async def main():
    base, pid, system_key, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    replies = int(sys.argv[5]) if len(sys.argv) > 5 else 200
    rate = float(sys.argv[6]) if len(sys.argv) > 6 else 20.0
    reply_base = os.environ.get("REPLY_BASE_URL", base)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    u = urlparse(base)
    ws = call(base, "POST", "/v1/workspaces", system_key, {"name": "stream bench"})
    widget = call(base, "POST", "/v1/admin/widgets", ws["apiKey"], {"name": "bench"})
    rss0, threads0 = proc(pid)
    print(f"before: RSS {rss0} MB, {threads0} threads", flush=True)
    streams = []
    t0 = time.perf_counter()
    for i in range(n):
        s = call(base, "POST", f"/v1/widgets/{widget['id']}/sessions", None, {})
        conversation = call(base, "POST", "/v1/conversations", s["sessionToken"], {"text": "hello"})["id"]
        streams.append(Stream(s["sessionToken"], conversation))
    print(f"{n} sessions with a conversation in {time.perf_counter() - t0:.1f} s", flush=True)
    tasks = []
    for i in range(0, n, 200):
        for s in streams[i:i + 200]:
            tasks.append(asyncio.create_task(s.run(u.hostname, u.port)))
        await asyncio.gather(*(s.opened.wait() for s in streams[i:i + 200]))
    await asyncio.sleep(5)
    rss1, threads1 = proc(pid)
    print(f"{n} streams open: RSS {rss1} MB, {threads1} threads", flush=True)
    print(f"per stream: {(rss1 - rss0) * 1024 / n:.1f} KB RSS, {(threads1 - threads0) / n:.4f} threads", flush=True)

    loop = asyncio.get_running_loop()
    latencies = []
    for i in range(replies):
        s = streams[(i * 7919) % n]
        text = f"reply {i}"
        fut = loop.create_future()
        s.waiting[text] = fut
        sent = time.perf_counter()
        await loop.run_in_executor(None, call, reply_base, "POST", f"/v1/admin/conversations/{s.conversation}/messages",
                                   ws["apiKey"], {"text": text})
        got = await asyncio.wait_for(fut, 60)
        latencies.append((got - sent) * 1000)
        await asyncio.sleep(max(0.0, 1 / rate - (time.perf_counter() - sent)))
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print(f"delivery of {replies} agent replies at {rate}/s: p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms,"
          f" max {latencies[-1]:.1f} ms (from before the POST to the event on the stream"
          f"{'; replies posted on ' + reply_base if reply_base != base else ''})", flush=True)
    rss2, threads2 = proc(pid)
    print(f"after the replies: RSS {rss2} MB, {threads2} threads", flush=True)
    hold = float(os.environ.get("HOLD_SECONDS", "0"))
    if hold > 0:
        print(f"holding the streams open for {hold:.0f} s", flush=True)
        await asyncio.sleep(hold)
    for t in tasks:
        t.cancel()


asyncio.run(main())
