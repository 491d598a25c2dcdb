#!/usr/bin/env python3
"""Prepares the session-start benchmark's request bodies (start-bench.sh). Standard library only.

  prepare.py users BASE_URL SYSTEM_KEY WORK N
      a workspace, a widget and N users, each started once (authenticated, on a new device); writes
      WORK/url, WORK/widget, WORK/secret, WORK/apikey (the workspace's), WORK/users.txt (external
      ids), WORK/visitors.txt (each user's linked visitor), WORK/tokens.txt (a token a line, for the
      gRPC load), and the bodies (one JSON a line) of:
        auth.txt    an authenticated start of an existing user on a new device (no visitorId)
        resume.txt  a resumed visitor: the user's own linked visitor with the user's token
        anon.txt    an anonymous start (no token, no visitorId)
  prepare.py tokens WORK
      WORK/tokens.txt anew: a fresh token for each user
  prepare.py upgrade WORK VISITOR_ID_FILE
      upgrade.txt: each anonymous visitor in VISITOR_ID_FILE (one a line, used once) with the token
      of one of the users, round robin
Tokens are minted when their bodies are written (lifetime 590 s, under the widget's 600 s).
"""
import base64, concurrent.futures as cf, hashlib, hmac, json, sys, time, urllib.request, uuid


def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def token(secret, ext, i):
    now = int(time.time())
    h = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    p = b64(json.dumps({"id": ext, "name": f"Load User {i}", "email": f"{ext}@example.com", "companyId": "7",
                        "companyName": "Acme", "customData": {"plan": "pro", "locale": "en"},
                        "iat": now, "exp": now + 590}).encode())
    s = b64(hmac.new(secret.encode(), f"{h}.{p}".encode(), hashlib.sha256).digest())
    return f"{h}.{p}.{s}"


def post(url, body, bearer=None):
    headers = {"Content-Type": "application/json"}
    if bearer:
        headers["Authorization"] = "Bearer " + bearer
    r = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")
    return json.loads(urllib.request.urlopen(r, timeout=30).read())


def write(path, lines):
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def users(base, key, work, n):
    ws = post(base + "/v1/workspaces", {"name": "bench-" + uuid.uuid4().hex[:6]}, key)
    w = post(base + "/v1/admin/widgets", {"name": "bench"}, ws["apiKey"])
    url = f"{base}/v1/widgets/{w['id']}/sessions"
    exts = [f"bench-{uuid.uuid4().hex[:10]}" for _ in range(n)]
    tokens = [token(w["secret"], e, i) for i, e in enumerate(exts)]

    def first(t):
        s = post(url, {"visitorToken": t})
        assert s["status"] == "authenticated", s
        return s["visitorId"]

    with cf.ThreadPoolExecutor(8) as ex:
        visitors = list(ex.map(first, tokens))
    write(f"{work}/url", [url])
    write(f"{work}/apikey", [ws["apiKey"]])
    write(f"{work}/tokens.txt", tokens)
    write(f"{work}/widget", [w["id"]])
    write(f"{work}/secret", [w["secret"]])
    write(f"{work}/users.txt", exts)
    write(f"{work}/visitors.txt", visitors)
    write(f"{work}/auth.txt", [json.dumps({"visitorToken": t}) for t in tokens])
    write(f"{work}/resume.txt", [json.dumps({"visitorId": v, "visitorToken": t}) for v, t in zip(visitors, tokens)])
    write(f"{work}/anon.txt", ["{}"])


def fresh_tokens(work):
    secret = open(f"{work}/secret").read().strip()
    exts = open(f"{work}/users.txt").read().split()
    write(f"{work}/tokens.txt", [token(secret, e, i) for i, e in enumerate(exts)])


def upgrade(work, visitor_file):
    secret = open(f"{work}/secret").read().strip()
    exts = open(f"{work}/users.txt").read().split()
    tokens = [token(secret, e, i) for i, e in enumerate(exts)]
    anonymous = [v for v in open(visitor_file).read().split() if v]
    write(f"{work}/upgrade.txt", [json.dumps({"visitorId": v, "visitorToken": tokens[i % len(tokens)]})
                                  for i, v in enumerate(anonymous)])
    print(len(anonymous))


if __name__ == "__main__":
    if sys.argv[1] == "users":
        users(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif sys.argv[1] == "tokens":
        fresh_tokens(sys.argv[2])
    elif sys.argv[1] == "upgrade":
        upgrade(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: prepare.py users BASE_URL SYSTEM_KEY WORK N | tokens WORK | upgrade WORK VISITOR_ID_FILE")
