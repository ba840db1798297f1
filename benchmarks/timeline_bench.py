"""Timeline benchmark: build + render a 45-year, 300-period career; zoom and move → frame.

Run ``python -m benchmarks.timeline_bench`` (see benchmarks/README.md). The parent runs
the measurements in 3 separate processes and prints a Markdown table of their medians.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult

from backend_client.models import Career, CareerKind, CareerPeriod, CareerView
from benchmarks.frame_probe import FrameProbe, Timings
from widgets.timeline import RenderInput, Timeline, build_layout, render_lines, zoom_window

SIZE = (160, 50)
TODAY = dt.date(2025, 6, 15)
_EMPLOYERS = ["ACME SA", "Brasserie Dupont", "SPF Finances", "Colruyt", "Proximus", "UCLouvain"]
_ASSIMILATED = [
    CareerKind.UNEMPLOYMENT,
    CareerKind.SICKNESS,
    CareerKind.INVALIDITY,
    CareerKind.MATERNITY,
    CareerKind.CAREER_BREAK,
    CareerKind.SANCTION_MEDICAL_ABSENCE,
    CareerKind.SANCTION_LATE_DECLARATION,
    CareerKind.SANCTION_INAMI,
]


def make_career(count: int = 300, seed: int = 5) -> Career:
    """A 45-year career (1980–2025) of ``count`` periods: studies, military service,
    yearly job declarations under three statuses, assimilated periods, sanctions and a
    future notice period."""
    rng = random.Random(seed)
    periods: list[CareerPeriod] = []

    def add(kind: CareerKind, start: dt.date, end: dt.date, **extra: Any) -> None:
        days = round(((end - start).days + 1) * 312 / 365)
        periods.append(
            CareerPeriod(id=len(periods) + 1, kind=kind, start=start, end=end, days=days, **extra)
        )

    add(CareerKind.STUDIES, dt.date(1980, 9, 1), dt.date(1984, 6, 30))
    add(CareerKind.MILITARY_SERVICE, dt.date(1984, 7, 1), dt.date(1985, 6, 30))
    add(CareerKind.NOTICE_PERIOD, dt.date(2025, 9, 1), dt.date(2025, 12, 31), future=True)
    jobs = count // 2
    # Job declarations: half the periods, split into spans of a few months to a year.
    day = dt.date(1985, 7, 1)
    end_of_career = dt.date(2025, 8, 31)
    step = (end_of_career - day).days // jobs
    for i in range(jobs):
        status = (
            CareerKind.EMPLOYEE
            if i < jobs * 0.5
            else CareerKind.SELF_EMPLOYED
            if i < jobs * 0.7
            else CareerKind.CIVIL_SERVANT
        )
        end = min(end_of_career, day + dt.timedelta(days=step - 1))
        add(
            status,
            day,
            end,
            employer=_EMPLOYERS[(i // 10) % len(_EMPLOYERS)],
            remuneration=round(rng.uniform(5_000, 40_000), 2),
            attestation_date=min(end, dt.date(2025, 3, 31)),
        )
        day = end + dt.timedelta(days=1)
    while len(periods) < count:
        start = dt.date(1986, 1, 1) + dt.timedelta(days=rng.randrange(0, 39 * 365))
        length = rng.randrange(3, 200)
        add(
            rng.choice(_ASSIMILATED),
            start,
            start + dt.timedelta(days=length),
            employer="INAMI",
            attestation_date=start + dt.timedelta(days=length + 30),
        )
    return Career(
        niss="85073003328",
        view=CareerView.AGENT,
        last_attestation=dt.date(2025, 3, 31),
        periods=periods,
    )


class TimelineHost(App[None]):
    def __init__(self, career: Career) -> None:
        super().__init__()
        self.career = career

    def compose(self) -> ComposeResult:
        yield Timeline(self.career, TODAY)


async def run_child(repeat: int) -> dict[str, Any]:
    """One process: pure build + render, then key → frame for zoom and block moves."""
    career = make_career()
    app = TimelineHost(career)
    results: list[Timings] = []
    async with app.run_test(size=SIZE) as pilot:
        probe = FrameProbe(app)
        await pilot.pause()
        timeline = app.query_one(Timeline)
        timeline.focus()
        await probe.settle()
        width = SIZE[0]
        style_of = timeline._style_of  # resolved styles, as the widget renders with them

        build = Timings("build layout (300 periods)")
        render = Timings("render all lines at 160 columns")
        total = Timings("build + render (target ≤ 20 ms)")
        lines = 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            layout = build_layout(career, TODAY)
            t1 = time.perf_counter()
            data = RenderInput(
                layout,
                zoom_window(layout, 0, None),
                width,
                (0, 0),
                0,
                "",
                timeline.labels,
                timeline.kind_labels,
            )
            strips = render_lines(data, style_of)
            t2 = time.perf_counter()
            lines = len(strips)
            build.samples.append((t1 - t0) * 1000)
            render.samples.append((t2 - t1) * 1000)
            total.samples.append((t2 - t0) * 1000)
        results += [build, render, total]

        # Zoom switches: first visit (cache emptied before each key, untimed) and cached.
        cold = Timings("zoom +/- → frame, lines not cached")
        warm = Timings("zoom +/- → frame, lines cached")
        for i in range(repeat):
            key = "plus" if i % 4 < 2 else "minus"
            timeline._cache.clear()
            cold.samples.append(await probe.press(key))
        for _ in range(2):  # fill the cache for every level
            await probe.send("plus")
        for _ in range(2):
            await probe.send("minus")
        for i in range(repeat):
            key = "plus" if i % 4 < 2 else "minus"
            warm.samples.append(await probe.press(key))
        await probe.send("minus")
        await probe.send("minus")
        moves = Timings("l / h (next block) → frame")
        for i in range(repeat):
            moves.samples.append(await probe.press("l" if (i // 10) % 2 == 0 else "h"))
        results += [cold, warm, moves]
    return {
        "lines": lines,
        "periods": len(career.periods),
        "timings": [(t.name, t.median, t.p99, len(t.samples)) for t in results],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=40, help="runs per process (≥ 20)")
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(run_child(args.repeat))))
        return
    runs = []
    for _ in range(args.processes):
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.timeline_bench",
                "--child",
                "--repeat",
                str(args.repeat),
            ],
            check=True,
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    first = runs[0]
    print(
        f"Timeline, {first['periods']} periods over 45 years, {SIZE[0]}×{SIZE[1]}, "
        f"{first['lines']} lines; {args.repeat} runs × {args.processes} processes; "
        f"Python {platform.python_version()}\n"
    )
    print("| operation | median per process (ms) | median of medians | worst p99 |")
    print("|---|---|---|---|")
    for index, (name, *_rest) in enumerate(first["timings"]):
        medians = [run["timings"][index][1] for run in runs]
        p99 = max(run["timings"][index][2] for run in runs)
        per = " / ".join(f"{m:.1f}" for m in medians)
        print(f"| {name} | {per} | **{statistics.median(medians):.1f}** | {p99:.1f} |")


if __name__ == "__main__":
    main()
