#!/usr/bin/env python3
"""Signs in the demo's owner, co-trainer and trainee on a running qualify and writes the Lua
request mix for wrk (scripts/load/mix.lua reads it): dashboards, module pages, the review
queue, every owner list (people, cohorts, certificates, grading, applications, reports, mail,
audit), public verify pages, and 10 % writes (mail preferences through the API).

Also writes OUT_LUA.trainee: the trainee's session cookie and email, one per line.

Usage: prepare.py BASE_URL DEMO_OUTPUT_FILE QUALIFY_BINARY OUT_LUA
(the binary is called with the same environment to create the API token)."""

import json
import re
import subprocess
import sys

from demo_accounts import accounts, sign_in

base, demo_out, binary, out = sys.argv[1:5]
demo_logins = accounts(open(demo_out).read())


cookies, emails = {}, {}
for role, email, link in demo_logins:
    opener, cookie = sign_in(base, link)
    cookies[role], emails[role] = (opener, cookie), email

trainee_opener, trainee_cookie = cookies["trainee"]
# For the side-by-side throughput of the trainee dashboard (scripts/bench.sh).
with open(out + ".trainee", "w") as f:
    f.write(f"{trainee_cookie}\n{emails['trainee'].lower()}\n")
learn = trainee_opener.open(f"{base}/learn").read().decode()
modules = sorted(set(re.findall(r'href="(/learn/[^/"]+/modules/[^"]+)"', learn)))
owner_opener, owner_cookie = cookies["owner"]
register = owner_opener.open(f"{base}/reports?report=certificates").read().decode()
codes = sorted(set(re.findall(r"/verify/([a-z2-7]{32})", register)))[:50]
token = subprocess.run([binary, "token", "create", "--email", emails["trainee"]], capture_output=True, text=True, check=True).stdout.strip()

requests = []
for _ in range(3):
    requests.append(("GET", "/dashboard", owner_cookie, None, None))
for path in ["/people", "/people?q=schmidt", "/cohorts", "/certificates", "/grading",
             "/applications", "/reports", "/mail", "/audit"]:
    requests.append(("GET", path, owner_cookie, None, None))
for m in modules[:6]:
    requests.append(("GET", m, trainee_cookie, None, None))
requests.append(("GET", "/learn", trainee_cookie, None, None))
for _ in range(3):
    requests.append(("GET", "/reviews", cookies["co-trainer"][1], None, None))
reads = len(requests) + 2  # plus the verify pages, about 1 in 7 (see mix.lua)
# 10 % writes: the trainee switches a mail kind on (a real write, idempotent).
writes = max(1, reads // 9)
body = json.dumps([{"kind": "feedback", "enabled": True}])
for _ in range(writes):
    requests.append(("PUT", "/api/v1/me/mail-preferences", None, f"Bearer {token}", body))

with open(out, "w") as f:
    f.write("-- Built in init(), once wrk knows the Host header.\nfunction build()\n  return {\n")
    for method, path, cookie, auth, body in requests:
        headers = []
        if cookie:
            headers.append(f'["Cookie"] = {json.dumps(cookie)}')
        if auth:
            headers.append(f'["Authorization"] = {json.dumps(auth)}')
        if body:
            headers.append('["Content-Type"] = "application/json"')
        h = "{" + ", ".join(headers) + "}"
        b = json.dumps(body) if body else "nil"
        f.write(f'    wrk.format({json.dumps(method)}, {json.dumps(path)}, {h}, {b}),\n')
    f.write("  }\nend\n")
    # Public verify pages come from many visitors (each address has its own rate limit).
    f.write("verify_paths = {" + ", ".join(json.dumps(f"/verify/{c}") for c in codes) + "}\n")
print(f"{len(requests)} prepared requests plus verify pages in the mix ({writes} writes), {len(modules)} module pages, {len(codes)} verify codes")
