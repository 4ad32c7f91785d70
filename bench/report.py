"""The benchmark's verdict: every page as a multiple of the yardstick view (bench/urls.py) served by
the same gunicorn in the same run, the targets of issue 11 evaluated on those ratios, the tables,
bench/results.json and the generated part of BENCHMARKS.md."""

import json
from pathlib import Path

START = "<!-- bench:start (written by make bench; edit outside these markers) -->"
END = "<!-- bench:end -->"

LABELS = {
    "yardstick": "yardstick (one row, no template)",
    "form_get": "report form",
    "form_post": "report form (POST, saves)",
    "dashboard": "dashboard",
    "drilldown": "region drill-down",
    "brief": "brief",
    "brief_print": "brief, print view",
    "brief_xlsx": "brief, XLSX",
}
PAGES = ("form_get", "dashboard", "drilldown", "brief", "brief_print", "brief_xlsx")  # what people open
SINGLE_USER_LIMIT = 15  # a page's single-user p50 at most this many times the yardstick's (Kaltim)
TAIL_LIMIT = 5  # a page's p99 at 8 connections at most this many times its own p50 there (Kaltim)
NATIONAL_LIMIT = 10  # the national dashboard's single-user p50 at most this many times Kaltim's


def _cell(scale: dict, label: str, connections: int) -> dict | None:
    cells = scale["cells"].get(label) or []
    return next((cell for cell in cells if cell["connections"] == connections), None)


def _queries(scale: dict, label: str) -> int | None:
    return (scale.get("queries", {}).get(label) or {}).get("queries")


def _yardstick_ms(scale: dict, cell: dict) -> float | None:
    """The yardstick's p50 to compare ``cell`` with: the single-user run just before it, else the
    yardstick's own cell at the same number of connections. (Its p50, also for a page's p99: the
    yardstick's own p99 is a handful of requests caught behind others, too noisy to divide by.)"""
    if cell.get("yardstick_p50_ms"):
        return cell["yardstick_p50_ms"]
    own = _cell(scale, "yardstick", cell["connections"])
    return own["p50_ms"] if own else None


def _ratio(value: float, base: float | None) -> float | None:
    return round(value / base, 1) if base else None


def ratios(scale: dict, label: str) -> dict | None:
    """A page's single-user p50 and its p50 and p99 at 8 connections, as multiples of the
    yardstick's, and its own p99/p50 at 8 connections."""
    single, eight = _cell(scale, label, 1), _cell(scale, label, 8)
    if single is None or eight is None:
        return None
    if label == "yardstick":  # against itself: its cells are the units of every other row
        single = {**single, "yardstick_p50_ms": single["p50_ms"]}
    return {
        "single_p50": _ratio(single["p50_ms"], _yardstick_ms(scale, single)),
        "eight_p50": _ratio(eight["p50_ms"], _yardstick_ms(scale, eight)),
        "eight_p99": _ratio(eight["p99_ms"], _yardstick_ms(scale, eight)),
        "tail": round(eight["p99_ms"] / eight["p50_ms"], 1) if eight["p50_ms"] else None,
    }


def _verdict(ok: bool | None) -> str:
    return {True: "met", False: "NOT met", None: "not measured"}[ok]


def evaluate(results: dict) -> list[dict]:
    kaltim, national = results["scales"].get("kaltim"), results["scales"].get("national")
    targets = []

    ok, notes = None, []
    if kaltim:
        measured = {label: ratios(kaltim, label) for label in PAGES}
        over = [
            f"{LABELS[label]} {r['single_p50']} ×"
            for label, r in measured.items()
            if r and r["single_p50"] is not None and r["single_p50"] > SINGLE_USER_LIMIT
        ]
        unmeasured = [LABELS[label] for label, r in measured.items() if r is None or r["single_p50"] is None]
        ok = not over and not unmeasured
        worst = max((r["single_p50"] for r in measured.values() if r and r["single_p50"]), default=None)
        notes.append(f"slowest page: {worst} × the yardstick (needs ≤ {SINGLE_USER_LIMIT})")
        notes.append(f"over the limit: {', '.join(over) or 'none'}")
        if unmeasured:
            notes.append(f"not measured: {', '.join(unmeasured)}")
    targets.append(
        {
            "target": f"Kaltim: each page's single-user p50 ≤ {SINGLE_USER_LIMIT} × the yardstick's",
            "ok": ok,
            "notes": notes,
        }
    )

    ok, notes = None, []
    if kaltim:
        measured = {label: ratios(kaltim, label) for label in PAGES}
        over = [
            f"{LABELS[label]} {r['tail']} ×"
            for label, r in measured.items()
            if r and (r["tail"] is None or r["tail"] > TAIL_LIMIT)
        ]
        ok = not over and all(measured.values())
        worst = max((r["tail"] for r in measured.values() if r and r["tail"]), default=None)
        notes.append(f"longest tail: p99 {worst} × p50 (needs ≤ {TAIL_LIMIT})")
        notes.append(f"over the limit: {', '.join(over) or 'none'}")
    targets.append(
        {
            "target": f"Kaltim: each page's p99 at 8 connections ≤ {TAIL_LIMIT} × its own p50 there",
            "ok": ok,
            "notes": notes,
        }
    )

    ok, notes = None, []
    if kaltim and national and _cell(kaltim, "dashboard", 1) and _cell(national, "dashboard", 1):
        ratio = _cell(national, "dashboard", 1)["p50_ms"] / _cell(kaltim, "dashboard", 1)["p50_ms"]
        early, last = (
            _queries(national, "dashboard_early_session"),
            _queries(national, "dashboard_last_session"),
        )
        flat = early is not None and early == last
        ok = ratio <= NATIONAL_LIMIT and flat
        notes.append(f"national p50 at 1 connection is {ratio:.1f} × Kaltim's (needs ≤ {NATIONAL_LIMIT})")
        notes.append(
            f"queries of a session's dashboard: {early} for the 12th session, {last} for the "
            f"{national['sessions']}th (Kaltim: {_queries(kaltim, 'dashboard')}, national: "
            f"{_queries(national, 'dashboard')} on the current-session dashboard)"
        )
    targets.append(
        {
            "target": f"national dashboard single-user p50 ≤ {NATIONAL_LIMIT} × Kaltim's; queries flat",
            "ok": ok,
            "notes": notes,
        }
    )

    ok, notes = None, []
    measured = [  # the most connections each page ran at: 32, or one per operator for the POST
        (name, label, scale["cells"][label][-1])
        for name, scale in results["scales"].items()
        for label in LABELS
        if scale["cells"].get(label)
    ]
    if measured:
        bad = [f"{name} {label}" for name, label, cell in measured if cell["errors"] or cell["unexpected"]]
        slow = [f"{name} {label}" for name, label, cell in measured if cell["requests"] < cell["connections"]]
        scales = results["scales"].items()
        stale = [name for name, scale in scales if not scale.get("freshness", {}).get("fresh")]
        burst = (national or {}).get("burst", {})
        burst_ok = (
            burst.get("checked")
            and burst["lost"] == 0
            and burst["server_errors"] == 0
            and burst["session_reports"] == national["regions"]
        )
        ok = not bad and not stale and bool(burst_ok)
        notes.append(f"errors, timeouts, 5xx or bad answers at 32 connections: {', '.join(bad) or 'none'}")
        if slow:
            notes.append(f"fewer requests than connections finished in the cell's time: {', '.join(slow)}")
        shown = "yes" if not stale else f"no at {', '.join(stale)}"
        notes.append(f"a saved report on the next dashboard load: {shown}")
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
            "target": "no 5xx at 32 connections; a save shows at once; 545 submissions at once, none lost",
            "ok": ok,
            "notes": notes,
        }
    )
    return targets


def _times(value: float | None) -> str:
    return "" if value is None else f"{value:.1f} ×"


def ratio_table(results: dict) -> str:
    """Each page people open as multiples of the yardstick: single user, and 8 connections."""
    lines = [
        "| scale | page | 1 conn.: p50 ms | p50 ÷ yardstick | 8 conn.: p50 ms | p50 ÷ yardstick "
        "| p99 ms | p99 ÷ yardstick | p99 ÷ own p50 | queries |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, scale in results["scales"].items():
        for label in ("yardstick", *PAGES):
            single, eight = _cell(scale, label, 1), _cell(scale, label, 8)
            if single is None or eight is None:
                lines.append(f"| {name} | {LABELS[label]} | not available | | | | | | | |")
                continue
            r = ratios(scale, label)
            queries = _queries(scale, label)
            lines.append(
                f"| {name} | {LABELS[label]} | {single['p50_ms']:.1f} | {_times(r['single_p50'])} "
                f"| {eight['p50_ms']:.1f} | {_times(r['eight_p50'])} | {eight['p99_ms']:.1f} "
                f"| {_times(r['eight_p99'])} | {_times(r['tail'])} | {'' if queries is None else queries} |"
            )
    return "\n".join(lines)


def table(results: dict) -> str:
    lines = [
        "| scale | page | conn. | requests | req/s | p50 ms | p99 ms | yardstick p50 ms "
        "| errors | bad answers | 5xx |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, scale in results["scales"].items():
        for label, title in LABELS.items():
            cells = scale["cells"].get(label)
            if not cells:
                lines.append(f"| {name} | {title} | | | not available | | | | | | |")
                continue
            for cell in cells:
                yardstick = _yardstick_ms(scale, cell) if label != "yardstick" else None
                shown = "" if yardstick is None else yardstick
                lines.append(
                    f"| {name} | {title} | {cell['connections']} | {cell['requests']} | {cell['rps']:.1f} "
                    f"| {cell['p50_ms']:.1f} | {cell['p99_ms']:.1f} | {shown} "
                    f"| {cell['errors']} | {cell['unexpected']} | {cell['server_errors']} |"
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
        f"Scales: {scales}.\n\n### Targets\n\n{targets}\n\n"
        f"### Pages as multiples of the yardstick\n\n{ratio_table(results)}\n\n"
        "*÷ yardstick*: against the yardstick's p50, at 1 connection from its single-user run made just "
        "before the page's, at 8 connections from its own 8-connection cell. "
        "*queries*: one instrumented request per page (bench/probe.py), not the load run.\n\n"
        f"### All cells\n\n{table(results)}\n\n"
        f"*requests*: completed in the cell's time ({m['seconds_per_cell']} s, or 30 s when fewer than one "
        "per connection finished). *errors*: connection errors and answers slower than 30 s (gunicorn's "
        "timeout). "
        "*bad answers*: for a GET anything but 200, for the POST anything but the redirect after saving.\n"
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
