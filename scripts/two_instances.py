#!/usr/bin/env python3
"""Two real `qualify serve` processes on one PostgreSQL database (run by .ci/run).

Checks, with nothing but the standard library:
  * a session started on instance A works on instance B;
  * both run the scheduler tick and the mail worker, and every mail reaches the SMTP server
    exactly once (a loopback SMTP sink in this script counts Message-IDs);
  * submissions handed in through both instances are allocated once per review slot;
  * with an S3-compatible server given, each instance keeps its own data dir and both store
    attachments in one bucket: a file uploaded through one downloads through the other;
  * SIGTERM ends instance A gracefully (exit code 0, "stopping" logged) while B keeps serving,
    and mail queued afterwards still goes out once, through B.

Usage: scripts/two_instances.py QUALIFY_BINARY POSTGRES_URL [S3_ENDPOINT]
"""

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

BINARY, DATABASE = sys.argv[1], sys.argv[2]
S3 = sys.argv[3] if len(sys.argv) > 3 else None
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RECEIVED = []
LOCK = threading.Lock()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def smtp_sink(port):
    """Accepts every mail and records its Message-ID."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(16)

    def session(conn):
        f = conn.makefile("rb")
        conn.sendall(b"220 sink\r\n")
        data, message = False, []
        for raw in f:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if data:
                if line == ".":
                    data = False
                    ids = [l for l in message if l.lower().startswith("message-id:")]
                    with LOCK:
                        RECEIVED.append(ids[0] if ids else "")
                    conn.sendall(b"250 queued\r\n")
                else:
                    message.append(line)
                continue
            verb = line[:4].upper()
            if verb == "EHLO":
                conn.sendall(b"250-sink\r\n250 8BITMIME\r\n")
            elif verb == "DATA":
                data, message = True, []
                conn.sendall(b"354 go on\r\n")
            elif verb == "QUIT":
                conn.sendall(b"221 bye\r\n")
                break
            else:
                conn.sendall(b"250 ok\r\n")
        conn.close()

    def accept():
        while True:
            conn, _ = server.accept()
            threading.Thread(target=session, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()


def env(port, smtp, data, bucket=None):
    e = dict(os.environ)
    if bucket:
        e.update({
            "QUALIFY_STORAGE": f"s3://{bucket}/two",
            "QUALIFY_S3_ENDPOINT": S3,
            "QUALIFY_S3_ACCESS_KEY_ID": "testing",
            "QUALIFY_S3_SECRET_ACCESS_KEY": "testing",
        })
    e.update({
        "QUALIFY_DATABASE_URL": DATABASE,
        "QUALIFY_BIND": f"127.0.0.1:{port}",
        "QUALIFY_BASE_URL": f"http://127.0.0.1:{port}",
        "QUALIFY_DATA_DIR": data,
        "QUALIFY_CONTENT_DIR": os.path.join(ROOT, "course_content"),
        "QUALIFY_SECRET_KEY": "ab" * 32,
        "QUALIFY_ISSUER_KEY": "cd" * 32,
        "QUALIFY_SMTP_URL": f"smtp://127.0.0.1:{smtp}",
        "QUALIFY_TICK_SECONDS": "2",
        "QUALIFY_WORKING_HOURS": "00-24",
        "QUALIFY_WORKING_DAYS": "mon-sun",
        "QUALIFY_LOG": "info",
    })
    return e


def run(args, e):
    out = subprocess.run([BINARY] + args, env=e, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"{args}: {out.stderr}")
    return out.stdout


def wait_ready(port, proc):
    for _ in range(300):
        if proc.poll() is not None:
            sys.exit(f"instance on {port} exited early")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"instance on {port} never became ready")


class Client:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url, token=None):
        req = urllib.request.Request(url)
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def upload(self, url, token, name, content):
        boundary = "qualify-two-instances-boundary"
        data = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
        req = urllib.request.Request(url, data=data, method="POST", headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        })
        try:
            with self.opener.open(req, timeout=60) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def download(self, url, token):
        req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
        try:
            with self.opener.open(req, timeout=60) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def send(self, method, url, token=None, body=None, form=None):
        data, headers = None, {}
        if body is not None:
            data, headers = json.dumps(body).encode(), {"Content-Type": "application/json"}
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()


def psql(sql):
    out = subprocess.run(["psql", DATABASE, "-At", "-c", sql], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"psql: {out.stderr}")
    return out.stdout.strip()


def main():
    smtp = free_port()
    smtp_sink(smtp)
    data = tempfile.mkdtemp(prefix="qualify-two-")
    a_port, b_port = free_port(), free_port()
    bucket = None
    if S3:
        bucket = f"qualify-two-{os.getpid()}"
        req = urllib.request.Request(f"{S3}/{bucket}", method="PUT")
        with urllib.request.urlopen(req, timeout=10) as r:
            assert r.status == 200, r.status
        os.makedirs(os.path.join(data, "a"))
        os.makedirs(os.path.join(data, "b"))
        a_env = env(a_port, smtp, os.path.join(data, "a"), bucket)
        b_env = env(b_port, smtp, os.path.join(data, "b"), bucket)
    else:
        a_env, b_env = env(a_port, smtp, data), env(b_port, smtp, data)
    run(["migrate"], a_env)
    link = run(["owner", "create", "--email", "olga@example.com", "--name", "Olga Owner"], a_env)
    link = re.search(r"(http://\S+/sign-in/link/\S+)", link).group(1)
    logs = {p: open(os.path.join(data, f"{p}.log"), "w") for p in ("a", "b")}
    a = subprocess.Popen([BINARY, "serve"], env=a_env, stdout=logs["a"], stderr=subprocess.STDOUT)
    b = subprocess.Popen([BINARY, "serve"], env=b_env, stdout=logs["b"], stderr=subprocess.STDOUT)
    try:
        wait_ready(a_port, a)
        wait_ready(b_port, b)
        A, B = f"http://127.0.0.1:{a_port}", f"http://127.0.0.1:{b_port}"

        # A session started on A works on B.
        browser = Client()
        status, page = browser.get(link)
        assert status == 200, page
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        token = re.search(r'name="token" value="([^"]+)"', page).group(1)
        status, _ = browser.send("POST", f"{A}/sign-in/confirm", form={"token": token, "csrf_token": csrf})
        assert status in (200, 303), status
        status, page = browser.get(f"{B}/cohorts")
        assert status == 200 and "/sign-out" in page, (status, page[:300])
        print("ok: a session from A works on B")

        # A cohort with trainees, through both instances.
        api = Client()
        owner = run(["token", "create", "--email", "olga@example.com"], a_env).strip()
        today = time.strftime("%Y-%m-%d")
        status, body = api.send("POST", f"{A}/api/v1/cohorts", owner, {"name": "Two instances", "starts_on": today, "time_zone": "Europe/Berlin"})
        assert status == 201, body
        cohort = json.loads(body)["id"]
        people = "\n".join(f"trainee{i}@example.com" for i in range(20))
        status, body = api.send("POST", f"{B}/api/v1/cohorts/{cohort}/enrollments", owner, {"text": people, "dryRun": False})
        assert status == 200, body
        for email in ("coach1@example.com", "coach2@example.com"):
            status, body = api.send("POST", f"{A}/api/v1/people/invitations", owner, {"text": email})
            assert status in (200, 201), body
        status, body = api.send("PUT", f"{A}/api/v1/cohorts/{cohort}/cotrainers", owner, {"emails": ["coach1@example.com", "coach2@example.com"]})
        assert status == 204, body
        status, body = api.get(f"{B}/api/v1/cohorts/{cohort}", owner)
        version = json.loads(body)["lock_version"]
        status, body = api.send("PATCH", f"{B}/api/v1/cohorts/{cohort}", owner, {"state": "running", "lock_version": version})
        assert status == 204, body

        # With one bucket, each instance serves what the other stored.
        if bucket:
            t = run(["token", "create", "--email", "trainee0@example.com"], a_env).strip()
            status, body = api.get(f"{A}/api/v1/me/progress", t)
            enrollment = json.loads(body)["cohorts"][0]["enrollment_id"]
            papers = {A: b"# Arbeitspapier\n\nHochgeladen auf A.\n" * 2000, B: b"# Working paper\n\nUploaded on B.\n" * 3000}
            for here, there in ((A, B), (B, A)):
                status, body = api.upload(f"{here}/api/v1/enrollments/{enrollment}/assignments/purpose-canvas/attachments", t, "paper.md", papers[here])
                assert status == 201, (status, body)
                attachment = json.loads(body)["id"]
                status, content = api.download(f"{there}/api/v1/attachments/{attachment}", t)
                assert status == 200 and content == papers[here], (status, len(content))
            on_disk = [f for d in ("a", "b") for _, _, fs in os.walk(os.path.join(data, d, "uploads")) for f in fs]
            assert on_disk == [], on_disk
            print("ok: uploads through A download through B and back; both live in the bucket, none on disk")

        # Trainees hand in through both instances.
        for i in range(20):
            t = run(["token", "create", "--email", f"trainee{i}@example.com"], a_env).strip()
            base = A if i % 2 else B
            status, body = api.get(f"{base}/api/v1/me/progress", t)
            enrollment = json.loads(body)["cohorts"][0]["enrollment_id"]
            status, body = api.send("POST", f"{base}/api/v1/enrollments/{enrollment}/assignments/purpose-canvas/submission", t, {"body": f"## Purpose\nCommunity {i}", "lock_version": 1})
            assert status in (200, 201), body
        doubles = psql("SELECT COUNT(*) FROM (SELECT submission_version_id, slot FROM reviews WHERE state <> 'reassigned' GROUP BY 1, 2 HAVING COUNT(*) > 1) d")
        assert doubles == "0", doubles
        slots = psql("SELECT COUNT(*) FROM reviews") + "+" + psql("SELECT COUNT(*) FROM allocation_queue")
        print(f"ok: 20 submissions through A and B, review slots allocated once ({slots} reviews+waiting)")

        # A module moved through A shows on B at once: each instance keeps a cohort's schedule
        # in memory per version of the cohort, and moving a module makes a new version.
        t = run(["token", "create", "--email", "trainee1@example.com"], a_env).strip()
        moved_to = time.strftime("%Y-%m-%d", time.localtime(time.time() + 90 * 86400))

        def due_dates():
            status, body = api.get(f"{B}/api/v1/me/progress", t)
            assert status == 200, body
            return [a["due_local"][:10] for m in json.loads(body)["cohorts"][0]["modules"] for a in m["assignments"]]

        assert moved_to not in due_dates()
        status, body = api.get(f"{A}/api/v1/cohorts/{cohort}", owner)
        view = json.loads(body)
        change = {"module_id": view["schedule"][1]["module_id"], "unlock_on": today, "due_on": moved_to}
        status, body = api.send("PATCH", f"{A}/api/v1/cohorts/{cohort}", owner, {"schedule": [change], "lock_version": view["lock_version"]})
        assert status == 204, body
        assert moved_to in due_dates(), due_dates()
        print("ok: a module moved through A shows on B's progress at once")

        # Both schedulers tick (every 2 s) and both workers deliver: each mail once.
        def settle():
            for _ in range(120):
                pending = psql("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
                digests = psql("SELECT COUNT(*) FROM outbox WHERE kind = 'reminder_digest'")
                if pending == "0" and digests != "0":
                    time.sleep(3)
                    if psql("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == "0":
                        return
                time.sleep(0.5)
            sys.exit("mail did not settle")

        settle()
        sent = int(psql("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"))
        with LOCK:
            got = list(RECEIVED)
        assert len(got) == sent, (len(got), sent)
        assert len(set(got)) == len(got), "a Message-ID arrived twice"
        digests = int(psql("SELECT COUNT(*) FROM outbox WHERE kind = 'reminder_digest'"))
        assert 0 < digests <= 22, digests
        print(f"ok: {sent} mails (of them {digests} reminder digests from two schedulers) arrived exactly once")

        # SIGTERM: A stops gracefully; B keeps serving and delivering.
        a.send_signal(signal.SIGTERM)
        code = a.wait(timeout=40)
        assert code == 0, code
        logs["a"].flush()
        assert "stopping" in open(os.path.join(data, "a.log")).read()
        status, body = api.send("POST", f"{B}/api/v1/people/invitations", owner, {"text": "late@example.com"})
        assert status in (200, 201), body
        settle()
        with LOCK:
            got = list(RECEIVED)
        sent = int(psql("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"))
        assert len(got) == sent and len(set(got)) == len(got), (len(got), sent)
        print("ok: SIGTERM ended A with exit code 0; B delivered what came after, once")
    finally:
        for p in (a, b):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=40)
                except subprocess.TimeoutExpired:
                    p.kill()


if __name__ == "__main__":
    main()
