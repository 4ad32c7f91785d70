"""The benchmark's verdict: the three targets of issue 7 evaluated as ratios within one run, the
table, bench/results.json and the generated part of BENCHMARKS.md."""

import json
from pathlib import Path

START = "<!-- bench:start (written by make bench; edit outside these markers) -->"
END = "<!-- bench:end -->"

LABELS = {
    "healthz": "/healthz",
    "dashboard": "dashboard",
    "drilldown": "region drill-down",
    "form_get": "report form (GET)",
    "form_post": "report form (POST, saves)",
    "brief_print": "brief, print view",
    "brief_xlsx": "brief, XLSX",
}


def _cell(scale: dict, label: str, connections: int) -> dict | None:
    cells = scale["cells"].get(label) or []
    return next((cell for cell in cells if cell["connections"] == connections), None)


def _peak(scale: dict, label: str) -> float | None:
    cells = scale["cells"].get(label) or []
    return max((cell["rps"] for cell in cells), default=None)


def _queries(scale: dict, label: str) -> int | None:
    """Queries of a request that builds the page from the database."""
    return (scale.get("queries", {}).get(label) or {}).get("queries")


def _shown_queries(scale: dict, label: str) -> str:
    """ "built / kept" when the page is served from what the process remembers, else "built"."""
    counted = scale.get("queries", {}).get(label) or {}
    if "queries" not in counted:
        return ""
    if "kept" not in counted or counted["kept"] == counted["queries"]:
        return str(counted["queries"])
    return f"{counted['queries']} / {counted['kept']}"


def _verdict(ok: bool | None) -> str:
    return {True: "met", False: "NOT met", None: "not measured"}[ok]


def evaluate(results: dict) -> list[dict]:
    kaltim, national = results["scales"].get("kaltim"), results["scales"].get("national")
    targets = []

    ok, notes = None, []
    if kaltim and _peak(kaltim, "dashboard") and _peak(kaltim, "healthz"):
        ratio = _peak(kaltim, "dashboard") / _peak(kaltim, "healthz")
        fresh = kaltim.get("freshness", {})
        ok = ratio >= 0.25 and fresh.get("fresh") is True
        notes.append(f"peak dashboard req/s is {ratio:.2f} × peak /healthz req/s (needs ≥ 0.25)")
        notes.append(
            "a saved report is on the next dashboard load"
            if fresh.get("fresh")
            else f"freshness check failed: {fresh}"
        )
    targets.append({"target": "Kaltim dashboard ≥ ¼ of /healthz req/s, and fresh", "ok": ok, "notes": notes})

    ok, notes = None, []
    if kaltim and national and _cell(kaltim, "dashboard", 1) and _cell(national, "dashboard", 1):
        ratio = _cell(national, "dashboard", 1)["p50_ms"] / _cell(kaltim, "dashboard", 1)["p50_ms"]
        early, last = (
            _queries(national, "dashboard_early_session"),
            _queries(national, "dashboard_last_session"),
        )
        flat = early is not None and early == last
        ok = ratio <= 10 and flat
        notes.append(f"national p50 at 1 connection is {ratio:.1f} × Kaltim's (needs ≤ 10)")
        notes.append(
            f"queries of a session's dashboard: {early} for the 12th session, {last} for the "
            f"{national['sessions']}th (Kaltim: {_queries(kaltim, 'dashboard')}, national: "
            f"{_queries(national, 'dashboard')} on the current-session dashboard)"
        )
    targets.append(
        {"target": "national dashboard p50 ≤ 10 × Kaltim, queries flat in sessions", "ok": ok, "notes": notes}
    )

    ok, notes = None, []
    measured = [  # the most connections each page ran at: 32, or one per operator for the POST
        (name, label, scale["cells"][label][-1])
        for name, scale in results["scales"].items()
        for label in LABELS
        if scale["cells"].get(label)
    ]
    if measured:
        bad = [
            f"{name} {label}"
            for name, label, cell in measured
            if cell["errors"] or cell["unexpected"] or cell["requests"] < cell["connections"]
        ]
        missing = sorted(
            {
                label
                for scale in results["scales"].values()
                for label, c in scale["cells"].items()
                if c is None
            }
        )
        burst = (national or {}).get("burst", {})
        burst_ok = (
            burst.get("checked")
            and burst["lost"] == 0
            and burst["server_errors"] == 0
            and burst["session_reports"] == national["regions"]
        )
        ok = not bad and bool(burst_ok)
        notes.append(f"errors, bad answers or unfinished at 32 connections: {', '.join(bad) or 'none'}")
        if missing:
            notes.append(f"not available yet, so not measured: {', '.join(LABELS[m] for m in missing)}")
        if burst.get("checked"):
            notes.append(
                f"{burst['operators']} operators submitting at once: answers {burst['statuses']}, "
                f"{burst['lost']} lost, {burst['session_reports']} reports in the session, "
                f"{burst['seconds']} s"
            )
        else:
            notes.append(
                f"concurrent submissions not measured: {burst.get('reason', 'national scale not run')}"
            )
    targets.append(
        {
            "target": "no errors or 5xx at 32 connections; 545 concurrent submissions, none lost",
            "ok": ok,
            "notes": notes,
        }
    )
    return targets


def table(results: dict) -> str:
    lines = [
        "| scale | page | conn. | requests | req/s | p50 ms | p99 ms "
        "| errors | bad answers | 5xx | queries/req |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, scale in results["scales"].items():
        for label, title in LABELS.items():
            cells = scale["cells"].get(label)
            queries = _shown_queries(scale, label)
            if not cells:
                lines.append(f"| {name} | {title} | | | not available | | | | | | |")
                continue
            for cell in cells:
                lines.append(
                    f"| {name} | {title} | {cell['connections']} | {cell['requests']} | {cell['rps']:.1f} "
                    f"| {cell['p50_ms']:.1f} "
                    f"| {cell['p99_ms']:.1f} | {cell['errors']} | {cell['unexpected']} "
                    f"| {cell['server_errors']} | {queries} |"
                )
    return "\n".join(lines)


def section(results: dict) -> str:
    m = results["machine"]
    scales = ", ".join(
        f"{name}: {s['regions']} regions × {s['sessions']} rakor (seeded in {s['seed_seconds']} s)"
        for name, s in results["scales"].items()
    )
    targets = "\n".join(
        f"- **{_verdict(t['ok'])}** — {t['target']}" + "".join(f"\n  - {note}" for note in t["notes"])
        for t in results["targets"]
    )
    return (
        f"Last run: {m['date']}, commit {m['commit']}, {m['total_seconds']} s in all.\n"
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB memory, PostgreSQL {m['postgresql']}, "
        f"Python {m['python']}; wrk {m['seconds_per_cell']} s per cell, app and load on the same machine; "
        f"load average {m['load_average_at_start']:.1f} at the start, "
        f"{m['load_average_at_end']:.1f} at the end (other work on the machine shows here).\n"
        f"Scales: {scales}.\n\n### Targets\n\n{targets}\n\n### Table\n\n{table(results)}\n\n"
        f"*requests*: completed in the cell's time ({m['seconds_per_cell']} s, or 15 s when fewer than one "
        "per connection finished). *errors*: connection errors and answers slower than 30 s (gunicorn's "
        "timeout). "
        "*bad answers*: for a GET anything but 200, for the POST anything but the redirect after saving. "
        "*queries/req*: one instrumented request per page (bench/probe.py), not the load run: built from "
        "the database / served again at the same revision (reports/revision.py), one number when they "
        "are the same; "
        "/healthz queries on a connection of its own, which the count does not see (it runs one).\n"
    )


def publish(results: dict, root: Path) -> str:
    (root / "bench" / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    path = root / "BENCHMARKS.md"
    text = path.read_text() if path.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    generated = section(results)
    path.write_text(f"{head}{START}\n{generated}{END}{tail}")
    return generated


if __name__ == "__main__":
    # Re-evaluate and re-publish the last run (bench/results.json) without running it again.
    root = Path(__file__).resolve().parent.parent
    last = json.loads((root / "bench" / "results.json").read_text())
    last["targets"] = evaluate(last)
    print(publish(last, root))
