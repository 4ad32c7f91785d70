"""``make bench``: the desk under load at Kaltim scale and at national scale, on PostgreSQL.

For each scale it creates a fresh database (bench_kaltim: the ten real regions × 12 rakor;
bench_national: 545 regions × 30 rakor, both by ``seed_scale``), starts the app in production mode
under gunicorn (whitenoise serving static) with bench/settings.py, which adds one URL to the
product's: the yardstick, a plain view reading one row through the same middleware. It logs the
secretariat and an operator in through the real login form and drives the yardstick and every page
of bench/probe.py's ENDPOINTS with wrk from a separate process at 1, 8 and 32 connections. Each
page's single-user cell is preceded by a short single-user run of the yardstick, so that the ratio
of the two is taken at the same moment of a shared machine. Extra connections use sessions made by
``login()`` inside bench/probe.py (32 form logins would measure the password hasher). Then it checks
that a saved report is on the very next dashboard load, and at national scale has every operator
submit at the same moment and counts what the database holds. Queries per request come from
bench/probe.py.

It writes bench/results.json, replaces the generated part of BENCHMARKS.md and prints the tables.
Environment: BENCH_PG (server URL, default postgres://postgres@127.0.0.1:5432), BENCH_SECONDS
(per cell, default 6), BENCH_PORT (default 8401), BENCH_SCALES (default "kaltim,national").
"""

import http.client
import json
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.htmlform import Form, post_form  # noqa: E402
from bench.report import evaluate, publish  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SECONDS = int(os.environ.get("BENCH_SECONDS", "6"))
LONG_SECONDS = 30  # a national page at 32 connections on two cores may need this long
TIMEOUT = 30  # gunicorn's own request timeout (gunicorn.conf.py); a slower answer counts as an error
PORT = int(os.environ.get("BENCH_PORT", "8401"))
SCALES = {"kaltim": (10, 12), "national": (545, 30)}
CONNECTIONS = (1, 8, 32)
YARDSTICK = "yardstick"
PAIRED_SECONDS = 3  # the yardstick's single-user run before each page's
PASSWORD = "SkalaDesk2024!"  # seed_scale.SCALE_PASSWORD


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


class App:
    """The app in production mode on one database: management commands, probe and gunicorn."""

    def __init__(self, database: str, workdir: Path):
        self.url = f"{PG}/{database}"
        self.database = database
        self.workdir = workdir
        self.env = {
            **os.environ,
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": self.url,
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            # The probe measures the secretariat's pages, not the two-factor set-up they would lead to.
            "OTP_REQUIRED_FOR_DESK": "false",
        }
        self.server = None

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=False
        )
        if done.returncode:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def probe(self, *args: str):
        env = {**self.env, "ALLOWED_HOSTS": "127.0.0.1,testserver"}
        done = subprocess.run(
            [PYTHON, "bench/probe.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode:
            raise SystemExit(f"bench/probe.py {args[0]} failed:\n{done.stderr}")
        return json.loads(done.stdout)

    def create(self, regions: int, sessions: int) -> float:
        admin = f"{PG}/postgres"
        for sql in (
            f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)",
            f"CREATE DATABASE {self.database}",
        ):
            subprocess.run(["psql", admin, "-q", "-c", sql], check=True, capture_output=True)
        self.manage("migrate", "--noinput")
        started = time.monotonic()
        self.manage("seed_scale", "--regions", str(regions), "--sessions", str(sessions), "--seed", "2024")
        seeded = time.monotonic() - started
        # A database in service has planner statistics; a freshly bulk-loaded one has none yet.
        subprocess.run(["psql", self.url, "-q", "-c", "VACUUM ANALYZE"], check=True, capture_output=True)
        return seeded

    def start(self) -> None:
        command = [GUNICORN, "deskpilkada.wsgi:application", "--bind", f"127.0.0.1:{PORT}"]
        if not (ROOT / "gunicorn.conf.py").exists():
            command += ["--workers", str(2 * os.cpu_count() + 1)]
        self.log = open(self.workdir / f"gunicorn-{self.database}.log", "w")  # noqa: SIM115
        self.server = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log)
        for _ in range(60):
            try:
                if request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"gunicorn did not start; see {self.log.name}")

    def stop(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=30)
            self.log.close()


def request(method: str, path: str, cookie: str | None = None, body: str | None = None, timeout: float = 60):
    """One HTTP request over its own connection: (status, Set-Cookie values by name, text)."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        cookies = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key] = rest.split(";", 1)[0]
        return response.status, cookies, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


class Users:
    """Cookie headers per user: the first of each made by the real login form."""

    def __init__(self, app: App, plan: dict):
        self.plan = plan
        self.csrf = secrets.token_hex(16)  # a 32-character secret is a valid token as it is
        self.sessions: dict[str, list[str]] = {}
        for username in (plan["secretariat"], plan["operators"][0]):
            self.sessions[username] = [self.form_login(username)]
        extra = app.probe("login", str(max(CONNECTIONS) - 1), plan["secretariat"])
        self.sessions[plan["secretariat"]] += extra[plan["secretariat"]]
        for username, keys in app.probe("login", "1", *plan["operators"][1:]).items():
            self.sessions[username] = keys

    def form_login(self, username: str) -> str:
        status, cookies, html = request("GET", "/akun/login/")
        form = post_form(html)
        if status != 200 or form is None:
            raise SystemExit(f"GET /akun/login/ answered {status} without a login form")
        form.replace("username", username)
        form.replace("password", PASSWORD)
        csrf = cookies[self.plan["csrf_cookie"]]
        status, cookies, _ = request(
            "POST", "/akun/login/", f"{self.plan['csrf_cookie']}={csrf}", form.encode(form.submit_button())
        )
        if status != 302 or self.plan["session_cookie"] not in cookies:
            raise SystemExit(f"logging in {username} through the form failed ({status})")
        return cookies[self.plan["session_cookie"]]

    def cookie(self, username: str, index: int = 0) -> str:
        keys = self.sessions[username]
        return (
            f"{self.plan['session_cookie']}={keys[index % len(keys)]}; {self.plan['csrf_cookie']}={self.csrf}"
        )

    def for_role(self, role: str | None, thread: int) -> str | None:
        if role is None:
            return None
        if role == "secretariat":
            return self.cookie(self.plan["secretariat"], thread)
        operators = self.plan["operators"]
        return self.cookie(operators[thread % len(operators)])


def report_form(users: Users, url: str, operator: str) -> Form:
    status, _, html = request("GET", url, users.cookie(operator), timeout=300)
    form = post_form(html)
    if status != 200 or form is None:
        raise SystemExit(f"{operator} could not open the report form at {url} ({status})")
    return form


def lua_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"


def post_plan(users: Users, url: str, operator: str) -> dict:
    """A thread's POST: the operator's own form as loaded, submitted, with the version spliced in."""
    form = report_form(users, url, operator)
    plan = {
        "method": "POST",
        "path": form.action or url,
        "cookie": users.cookie(operator),
        "head": form.encode(form.submit_button()),
    }
    names = form.names_ending("version")
    if names:
        version = int(form.value(names[0]))
        form.replace(names[0], "VERSION")
        head, tail = form.encode(form.submit_button()).split("VERSION")
        escaped = "".join(c if c.isalnum() else f"%{c}" for c in names[0])
        plan.update(head=head, tail=tail, version=version, pattern=f'name="{escaped}"[^>]-value="(%d+)"')
    return plan


def wrk(plans: list[dict], url: str, seconds: int, workdir: Path) -> dict:
    """One wrk run, a thread and a connection per plan; the numbers wrk.lua's done() prints."""
    lines = ["return {"]
    for plan in plans:
        items = [
            f"{k} = {v if isinstance(v, int) else lua_string(v)}" for k, v in plan.items() if v is not None
        ]
        lines.append("  {" + ", ".join(items) + "},")
    plan_file = workdir / "plan.lua"
    plan_file.write_text("\n".join([*lines, "}"]) + "\n")
    threads = len(plans)
    command = ["wrk", f"-t{threads}", f"-c{threads}", f"-d{seconds}s", "--timeout", f"{TIMEOUT}s"]
    command += ["-s", str(ROOT / "bench" / "wrk.lua"), f"http://127.0.0.1:{PORT}{url}", "--", str(plan_file)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(
        next(line for line in output.splitlines() if line.startswith("BENCH ")).removeprefix("BENCH ")
    )


def drain() -> None:
    """Wait until the requests wrk left queued are served, so that cells do not overlap."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            if request("GET", "/healthz", timeout=300)[0] == 200 and time.monotonic() - started < 0.5:
                return
        except OSError:
            pass


def run_cell(users: Users, endpoint: dict, connections: int, workdir: Path, first: int = SECONDS) -> dict:
    """A page at a number of connections for ``first`` seconds; a cell too slow to finish one
    request per connection in that time runs again for LONG_SECONDS."""
    for seconds in (first, LONG_SECONDS):
        url = endpoint["url"]
        if endpoint["method"] == "POST":
            time.sleep(2)  # let the previous run's last requests finish before reading the versions
            operators = users.plan["operators"][: min(connections, len(users.plan["operators"]))]
            plans = [post_plan(users, url, operator) for operator in operators]
            url = plans[0]["path"]
        else:
            plans = [
                {"method": "GET", "cookie": users.for_role(endpoint["role"], n)} for n in range(connections)
            ]
        data = wrk(plans, url, seconds, workdir)
        drain()
        if data["requests"] >= len(plans):
            break
    ok = ("302", "303") if endpoint["method"] == "POST" else ("200",)
    statuses = data["statuses"]
    return {
        "connections": len(plans),
        "seconds": seconds,
        "requests": data["requests"],
        "rps": round(data["requests"] / (data["duration_us"] / 1e6), 1),
        "p50_ms": round(data["p50_us"] / 1000, 1),
        "p99_ms": round(data["p99_us"] / 1000, 1),
        "errors": sum(data[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts")),
        "unexpected": sum(n for status, n in statuses.items() if status not in ok),
        "server_errors": sum(n for status, n in statuses.items() if status.startswith("5")),
        "statuses": statuses,
    }


def warm(users: Users, endpoint: dict) -> None:
    """A few requests so that every worker has loaded its templates and URLconf before the clock
    runs."""
    if endpoint["method"] == "GET":
        for n in range(10):
            request("GET", endpoint["url"], users.for_role(endpoint["role"], n))


def bump_personnel(form: Form, by: int) -> int:
    """Raise the form's security personnel by ``by`` (small, so it is not flagged as unusual)."""
    field = form.names_ending("security_personnel")[0]
    value = int((form.value(field) or "0").replace(".", "").replace(",", "")) + by
    form.replace(field, str(value))
    return value


def freshness(app: App, users: Users, plan: dict) -> dict:
    """Save a report, then load the dashboard at once: it must show the new province total."""
    dashboard, form_url = plan["endpoints"]["dashboard"]["url"], plan["endpoints"]["form_get"]["url"]
    if not dashboard or not form_url:
        return {"checked": False, "reason": "dashboard or report form not available"}
    operator = plan["operators"][0]
    before = app.probe("total")
    form = report_form(users, form_url, operator)
    bump_personnel(form, 17)
    body = form.encode(form.submit_button())
    status, _, _ = request("POST", form.action or form_url, users.cookie(operator), body)
    _, _, html = request("GET", dashboard, users.cookie(plan["secretariat"]))
    after = app.probe("total")
    return {
        "checked": True,
        "saved_status": status,
        "total_before": before,
        "total_after": after,
        "fresh": status in (302, 303) and after != before and after in html,
    }


def burst(app: App, users: Users, plan: dict) -> dict:
    """Every operator submits their report at the same moment; then count what the database holds."""
    url = plan["endpoints"]["form_post"]["url"]
    if not url:
        return {"checked": False, "reason": "report form not available"}
    operators = plan["operators"]
    with ThreadPoolExecutor(8) as pool:
        forms = list(pool.map(lambda name: report_form(users, url, name), operators))
    bodies, targets, sent, before = [], [], {}, {}
    for operator, form in zip(operators, forms, strict=True):
        targets.append(form.action or url)
        sent[operator] = bump_personnel(form, 1)
        bodies.append(form.encode(form.submit_button()))
        versions = form.names_ending("version")
        before[operator] = int(form.value(versions[0])) if versions else None
    start = threading.Barrier(len(operators))
    statuses = [None] * len(operators)

    def submit(number: int) -> None:
        start.wait()
        try:
            cookie = users.cookie(operators[number])
            statuses[number] = request("POST", targets[number], cookie, bodies[number], 300)[0]
        except OSError as error:
            statuses[number] = f"{type(error).__name__}"

    started = time.monotonic()
    threads = [threading.Thread(target=submit, args=(n,)) for n in range(len(operators))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    stored = app.probe("reports", *operators)
    lost = [
        name
        for name in operators
        if (row := stored["reports"].get(name)) is None
        or row["security_personnel"] != sent[name]
        or row["status"] != "submitted"
        or (before[name] is not None and row["version"] != before[name] + 1)
    ]
    counts: dict[str, int] = {}
    for status in statuses:
        counts[str(status)] = counts.get(str(status), 0) + 1
    return {
        "checked": True,
        "operators": len(operators),
        "seconds": round(seconds, 1),
        "statuses": counts,
        "server_errors": sum(n for status, n in counts.items() if status.startswith("5")),
        "session_reports": stored["session_reports"],
        "lost": len(lost),
        "lost_examples": lost[:5],
    }


def checked(check, *args) -> dict:
    """Run a check; a check the app could not even answer is recorded as failed, not fatal."""
    try:
        return check(*args)
    except (OSError, SystemExit) as error:
        return {"checked": False, "failed": True, "reason": f"{type(error).__name__}: {error}"}


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    memory_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    version = subprocess.run(
        ["psql", f"{PG}/postgres", "-tAc", "SHOW server_version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "postgresql": version,
        "python": sys.version.split()[0],
        "commit": commit.stdout.strip(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "seconds_per_cell": SECONDS,
        "load_average_at_start": os.getloadavg()[0],
    }


def bench_scale(name: str, regions: int, sessions: int, workdir: Path) -> dict:
    app = App(f"bench_{name}", workdir)
    log(f"{name}: database, migrations, seed_scale --regions {regions} --sessions {sessions}")
    seed_seconds = app.create(regions, sessions)
    plan = app.probe("plan")
    result = {"regions": regions, "sessions": sessions, "seed_seconds": round(seed_seconds, 1), "cells": {}}
    result["queries"] = app.probe("queries")
    app.start()
    try:
        users = Users(app, plan)
        yardstick = plan["endpoints"][YARDSTICK]
        warm(users, yardstick)
        for label, endpoint in plan["endpoints"].items():
            if endpoint["url"] is None:
                log(f"{name}: {label} not available")
                result["cells"][label] = None
                continue
            warm(users, endpoint)
            result["cells"][label] = []
            for connections in CONNECTIONS:
                paired = None
                if connections == 1 and label != YARDSTICK:
                    paired = run_cell(users, yardstick, 1, workdir, PAIRED_SECONDS)
                cell = run_cell(users, endpoint, connections, workdir)
                if paired is not None:
                    cell["yardstick_p50_ms"] = paired["p50_ms"]
                log(f"{name}: {label} ×{cell['connections']}: {cell['rps']} req/s, p50 {cell['p50_ms']} ms")
                result["cells"][label].append(cell)
        result["freshness"] = checked(freshness, app, users, plan)
        log(f"{name}: freshness {result['freshness']}")
        if name == "national":
            result["burst"] = checked(burst, app, users, plan)
            log(f"{name}: burst {result['burst']}")
    finally:
        app.stop()
    result["endpoints"] = plan["endpoints"]
    return result


def main() -> None:
    started = time.monotonic()
    chosen = os.environ.get("BENCH_SCALES", ",".join(SCALES)).split(",")
    results = {"machine": machine(), "scales": {}}
    collect = App("postgres", ROOT)
    collect.manage("collectstatic", "--noinput", "-v0")
    with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
        for name in chosen:
            regions, sessions = SCALES[name]
            results["scales"][name] = bench_scale(name, regions, sessions, Path(workdir))
    results["machine"]["total_seconds"] = round(time.monotonic() - started)
    results["machine"]["load_average_at_end"] = os.getloadavg()[0]
    results["targets"] = evaluate(results)
    print(publish(results, ROOT))


if __name__ == "__main__":
    main()
