"""Load benchmark: 200 simulated agents long-polling sync while they take, note and release.

Run ``python -m benchmarks.load_bench`` (see benchmarks/README.md, "A whole contact
center"). The parent seeds a demo store (SQLite file, or ``--db`` PostgreSQL URL), adds
the simulated agents, starts ``athena-server`` in its own process on loopback, and runs
the agents in ``--workers`` processes of asyncio tasks (httpx). Each agent logs in, fills
its scope like the TUI (``cursor=0`` pages), then holds ``GET /v1/sync?wait=25`` open
while it takes a file of its group queue, writes an internal note on it and releases it,
with think times between steps; a burst phase shortens them. Afterwards the parent checks
the store: each touched file has the assignee its last acknowledged write left, and each
acknowledged note is stored exactly once. Everything is bounded: agents, phases, drain.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

GROUP_SHARES = (
    ("fr-desk", 0.40),
    ("nl-desk", 0.40),
    ("de-desk", 0.05),
    ("partner-sfp", 0.05),
    ("partner-inasti", 0.04),
    ("partner-onem", 0.03),
    ("partner-mut", 0.03),
)
FIRST_AGENT_ID = 1001
LONG_POLL_WAIT = 25.0  # the TUI's
PAGE = 1000  # the TUI's page size
ACTIONS = ("take", "note", "release")


@dataclass(frozen=True)
class Plan:
    """The phases, in seconds from the common start, and the think times in them."""

    steady: float
    burst: float
    drain: float
    steady_think: float
    burst_think: float


@dataclass
class Record:
    """What one worker saw, sent back to the parent as JSON."""

    actions: list[tuple[str, str, int, float, float | None]] = field(default_factory=list)
    # (file id, version, ack time, group, action)
    writes: list[tuple[int, int, float, str, str]] = field(default_factory=list)
    # agent → file → [(time seen, version)]
    seen: dict[int, dict[int, list[tuple[float, int]]]] = field(default_factory=dict)
    groups: dict[int, str] = field(default_factory=dict)
    # (file id, version, action, agent id) of every acknowledged write
    acked: list[tuple[int, int, str, int]] = field(default_factory=list)
    notes_acked: list[str] = field(default_factory=list)
    notes_unknown: list[str] = field(default_factory=list)
    sync_calls: int = 0
    sync_errors: int = 0
    errors: list[str] = field(default_factory=list)
    cpu: float = 0.0
    fill_seconds: float = 0.0


def _server_ms(response: httpx.Response) -> float | None:
    raw = response.headers.get("server-timing", "")
    for part in raw.split(","):
        name, _, rest = part.strip().partition(";")
        if name == "app" and rest.startswith("dur="):
            return float(rest[4:])
    return None


class Agent:
    """One simulated agent: a long-poll task and an action loop, sharing a tiny replica."""

    def __init__(self, url: str, agent_id: int, group: str, record: Record, seed: int) -> None:
        self.url = url
        self.id = agent_id
        self.group = group
        self.record = record
        self.rng = random.Random(seed)
        self.http = httpx.AsyncClient(
            base_url=url, timeout=httpx.Timeout(LONG_POLL_WAIT + 30), trust_env=False
        )
        self.files: dict[int, tuple[int, str, int | None, str]] = {}
        self.cursor = "0"
        self.seen: dict[int, list[tuple[float, int]]] = defaultdict(list)
        record.seen[agent_id] = self.seen
        record.groups[agent_id] = group
        self.holding: tuple[int, int] | None = None
        self.noted = False
        self.notes = 0

    async def login(self) -> None:
        answer = await self.http.post("/v1/auth/demo", json={"agent_id": self.id})
        answer.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {answer.json()['token']}"

    def _apply(self, page: dict[str, Any], at: float) -> None:
        for s in page["files"]:
            assignee = s["assignee"]["id"] if s["assignee"] else None
            self.files[s["id"]] = (s["version"], s["group_id"], assignee, s["status"])
            self.seen[s["id"]].append((at, s["version"]))
        for gone in page["removed"]:
            self.files.pop(gone, None)
        self.cursor = page["cursor"]

    async def fill(self) -> None:
        while True:
            answer = await self.http.get(
                "/v1/sync", params={"cursor": self.cursor, "wait": 0, "limit": PAGE}
            )
            answer.raise_for_status()
            page = answer.json()
            self._apply(page, time.monotonic())
            if not page["more"] and self.cursor.startswith("d."):
                return

    async def poll(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                answer = await self.http.get(
                    "/v1/sync",
                    params={"cursor": self.cursor, "wait": LONG_POLL_WAIT, "limit": PAGE},
                )
                at = time.monotonic()
                self.record.sync_calls += 1
                if answer.status_code != 200:
                    self.record.sync_errors += 1
                    self.record.errors.append(f"sync {answer.status_code}")
                    await asyncio.sleep(0.5)
                    continue
                self._apply(answer.json(), at)
            except httpx.HTTPError as exc:
                if stop.is_set():
                    return
                self.record.sync_errors += 1
                self.record.errors.append(f"sync {type(exc).__name__}")
                await asyncio.sleep(0.5)

    def _pick(self) -> tuple[int, int] | None:
        free = [
            (fid, v)
            for fid, (v, group, assignee, status) in self.files.items()
            if group == self.group and assignee is None and status != "closed"
        ]
        return self.rng.choice(free) if free else None

    async def act(self, start: float, plan: Plan, worker: int) -> None:
        end = start + plan.steady + plan.burst
        while True:
            now = time.monotonic()
            burst = now - start >= plan.steady
            think = plan.burst_think if burst else plan.steady_think
            await asyncio.sleep(self.rng.expovariate(1 / think))
            if time.monotonic() >= end:
                break
            phase = "burst" if time.monotonic() - start >= plan.steady else "steady"
            await self.step(phase, worker)
        if self.holding is not None:  # leave the queue as found: release what I hold
            await self.step("drain", worker, release=True)

    async def step(self, phase: str, worker: int, *, release: bool = False) -> None:
        if self.holding is None:
            picked = self._pick()
            if picked is None:
                return
            action, (fid, version) = "take", picked
            call = self.http.post(f"/v1/files/{fid}/take", json={"version": version})
        elif not self.noted and not release:
            fid, version = self.holding
            action = "note"
            self.notes += 1
            marker = f"bench note w{worker} a{self.id} n{self.notes}"
            call = self.http.post(
                f"/v1/files/{fid}/messages",
                data={
                    "version": str(version),
                    "body": marker,
                    "visible_to_citizen": "false",
                    "final": "false",
                },
            )
        else:
            fid, version = self.holding
            action = "release"
            call = self.http.post(f"/v1/files/{fid}/release", json={"version": version})
        began = time.monotonic()
        try:
            answer = await call
        except httpx.HTTPError as exc:
            self.record.errors.append(f"{action} {type(exc).__name__}")
            self.record.actions.append((phase, action, 0, _ms(began), None))
            if action == "note":
                self.record.notes_unknown.append(marker)
            self.holding, self.noted = None, False
            return
        acked = time.monotonic()
        self.record.actions.append(
            (phase, action, answer.status_code, (acked - began) * 1000, _server_ms(answer))
        )
        if answer.status_code != 200:
            if answer.status_code != 409:
                self.record.errors.append(f"{action} {answer.status_code} {answer.text[:120]}")
            if action == "note":
                self.record.notes_unknown.append(marker)
            self.holding, self.noted = None, False
            if action == "take":
                self.files.pop(fid, None)  # someone else has it; sync will tell
            return
        body = answer.json()
        summary = body["summary"] if action == "note" else body
        new_version = int(summary["version"])
        self.record.writes.append((fid, new_version, acked, summary["group_id"], action))
        self.record.acked.append((fid, new_version, action, self.id))
        if action == "take":
            self.holding, self.noted = (fid, new_version), False
        elif action == "note":
            self.record.notes_acked.append(marker)
            self.holding, self.noted = (fid, new_version), True
        else:
            self.holding, self.noted = None, False


def _ms(began: float) -> float:
    return (time.monotonic() - began) * 1000


async def _worker_main(
    url: str, agents: list[tuple[int, str]], plan: Plan, worker: int, ready: Any, go: Any
) -> Record:
    record = Record()
    sims = [Agent(url, aid, group, record, seed=aid) for aid, group in agents]
    started = time.monotonic()
    for sim in sims:  # one at a time: the fills are not what is measured
        await sim.login()
        await sim.fill()
    record.fill_seconds = time.monotonic() - started
    stop = asyncio.Event()
    polls = [asyncio.create_task(sim.poll(stop)) for sim in sims]
    ready.put(worker)
    await asyncio.to_thread(go.wait)
    cpu0 = sum(os.times()[:2])
    start = time.monotonic()
    await asyncio.gather(*(sim.act(start, plan, worker) for sim in sims))
    await asyncio.sleep(max(0.0, start + plan.steady + plan.burst + plan.drain - time.monotonic()))
    stop.set()
    for task in polls:
        task.cancel()
    await asyncio.gather(*polls, return_exceptions=True)
    record.cpu = sum(os.times()[:2]) - cpu0
    for sim in sims:
        await sim.http.aclose()
    return record


def _worker(
    url: str,
    agents: list[tuple[int, str]],
    plan: Plan,
    worker: int,
    out: str,
    ready: Any,
    go: Any,
) -> None:
    record = asyncio.run(_worker_main(url, agents, plan, worker, ready, go))
    Path(out).write_text(json.dumps(record.__dict__))


# --------------------------------------------------------------------------- parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _add_agents(engine: sa.Engine, count: int) -> list[tuple[int, str]]:
    from athena_server.schema import agents, memberships

    made: list[tuple[int, str]] = []
    slots = [g for g, share in GROUP_SHARES for _ in range(max(1, round(share * count)))]
    with engine.begin() as conn:
        for i in range(count):
            agent_id = FIRST_AGENT_ID + i
            group = slots[i % len(slots)]
            conn.execute(
                agents.insert().values(
                    id=agent_id,
                    national_number=f"9{agent_id:010d}",
                    name=f"Bench Agent {i + 1}",
                    language="fr",
                    roles="contact_center",
                    active=True,
                )
            )
            conn.execute(memberships.insert().values(agent_id=agent_id, group_id=group))
            made.append((agent_id, group))
    return made


def _cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _check_store(url: str, records: list[Record]) -> list[str]:
    """One assignee per file as its last acknowledged write left it; each acknowledged
    note stored exactly once; no version acknowledged twice."""
    from athena_server.schema import contact_files, messages

    problems: list[str] = []
    last: dict[int, tuple[int, str, int]] = {}
    versions: dict[tuple[int, int], int] = defaultdict(int)
    for r in records:
        for fid, version, action, agent in r.acked:
            versions[(fid, version)] += 1
            if fid not in last or version > last[fid][0]:
                last[fid] = (version, action, agent)
    doubled = [k for k, n in versions.items() if n > 1]
    if doubled:
        problems.append(f"{len(doubled)} versions acknowledged to two writers")
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = {
            r.id: r
            for r in conn.execute(
                sa.select(contact_files.c.id, contact_files.c.assignee_id, contact_files.c.version)
            )
        }
        for fid, (version, action, agent) in last.items():
            row = rows[fid]
            expected = None if action == "release" else agent
            if row.version == version and row.assignee_id != expected:
                problems.append(f"file {fid}: assignee {row.assignee_id}, expected {expected}")
        acked = [m for r in records for m in r.notes_acked]
        counts: dict[str, int] = defaultdict(int)
        bodies = conn.execute(
            sa.select(messages.c.body).where(messages.c.body.like("bench note %"))
        ).scalars()
        for body in bodies:
            counts[body] += 1
        wrong = [m for m in acked if counts.get(m, 0) != 1]
        if wrong:
            problems.append(f"{len(wrong)} acknowledged notes not stored exactly once")
        unknown = {m for r in records for m in r.notes_unknown}
        stray = [b for b in counts if b not in set(acked) and b not in unknown]
        if stray:
            problems.append(f"{len(stray)} stored notes nobody wrote")
    engine.dispose()
    return problems


def _lags(records: list[Record], until: float) -> tuple[list[float], list[float], int]:
    """Per (write, agent of its group): ms from the write's acknowledgement to the agent
    seeing that version or a later one; per write: the slowest of its agents."""
    members: dict[str, list[tuple[int, Record]]] = defaultdict(list)
    for r in records:
        for agent, group in r.groups.items():
            members[group].append((int(agent), r))
    each: list[float] = []
    slowest: list[float] = []
    missed = 0
    for r in records:
        for fid, version, acked, group, _action in r.writes:
            if acked > until:
                continue
            worst = 0.0
            for agent, owner in members[group]:
                seen = owner.seen[agent].get(fid, [])
                first = next((t for t, v in seen if v >= version), None)
                if first is None:
                    missed += 1
                    continue
                lag = max(0.0, (first - acked) * 1000)
                each.append(lag)
                worst = max(worst, lag)
            slowest.append(worst)
    return each, slowest, missed


def _revive(raw: dict[str, Any]) -> Record:
    record = Record(**raw)
    record.seen = {
        int(a): {int(f): [(t, v) for t, v in s] for f, s in files.items()}
        for a, files in raw["seen"].items()
    }
    record.groups = {int(a): g for a, g in raw["groups"].items()}
    return record


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--files", type=int, default=10_000, help="demo contact files")
    parser.add_argument("--steady", type=float, default=45.0, help="seconds")
    parser.add_argument("--burst", type=float, default=15.0, help="seconds")
    parser.add_argument("--drain", type=float, default=5.0, help="seconds")
    parser.add_argument("--steady-think", type=float, default=8.0, help="mean s between steps")
    parser.add_argument("--burst-think", type=float, default=1.0, help="mean s between steps")
    parser.add_argument("--db", default=None, help="PostgreSQL URL (default: a SQLite file)")
    parser.add_argument("--server-arg", action="append", default=[], help="extra server args")
    parser.add_argument("--server-script", default=None, help="run the server by this script")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here too")
    args = parser.parse_args(argv)
    plan = Plan(args.steady, args.burst, args.drain, args.steady_think, args.burst_think)

    from athena_server.cli import prepare_store

    tmp = Path(tempfile.mkdtemp(prefix="athena-load-"))
    url = args.db or f"sqlite:///{tmp / 'athena.db'}"
    print(f"seeding {args.files} files into {url} …", file=sys.stderr)
    engine = prepare_store(url, demo=True, seed=42, files=args.files, reset=args.db is not None)
    agents = _add_agents(engine, args.agents)
    engine.dispose()
    port = _free_port()
    server_bin = [str(Path(sys.executable).with_name("athena-server"))]
    if args.server_script:
        server_bin = [sys.executable, args.server_script]
    log = (tmp / "server.log").open("w")
    cmd = [*server_bin, "--db", url, "--demo", "--no-feed", "--port", str(port)]
    server = subprocess.Popen([*cmd, *args.server_arg], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start; see " + str(tmp / "server.log"))
            time.sleep(0.1)
        ctx = mp.get_context("spawn")
        ready, go = ctx.Queue(), ctx.Event()
        shares = [agents[i :: args.workers] for i in range(args.workers)]
        outs = [tmp / f"worker{i}.json" for i in range(args.workers)]
        procs = [
            ctx.Process(target=_worker, args=(base, share, plan, i, str(out), ready, go))
            for i, (share, out) in enumerate(zip(shares, outs, strict=True))
        ]
        for p in procs:
            p.start()
        print("logging in and filling …", file=sys.stderr)
        for _ in procs:
            ready.get(timeout=900)
        server_cpu0 = _cpu_of(server.pid)
        began = time.monotonic()
        go.set()
        print("running …", file=sys.stderr)
        for p in procs:
            p.join(plan.steady + plan.burst + plan.drain + 120)
        elapsed = time.monotonic() - began
        server_cpu = _cpu_of(server.pid) - server_cpu0
    finally:
        server.terminate()
        server.wait(30)
        log.close()
    records = [_revive(json.loads(out.read_text())) for out in outs]
    problems = _check_store(url, records)
    report(args, plan, records, elapsed, server_cpu, problems, began)
    warnings = [line for line in (tmp / "server.log").read_text().splitlines() if "WARNING" in line]
    print(f"server log: {len(warnings)} warnings", *warnings[:5], sep="\n  ")
    if args.db is None:
        shutil.rmtree(tmp, ignore_errors=True)


def report(
    args: argparse.Namespace,
    plan: Plan,
    records: list[Record],
    elapsed: float,
    server_cpu: float,
    problems: list[str],
    began: float,
) -> None:
    figures: dict[str, Any] = {}
    print(
        f"\n{args.agents} agents in {args.workers} worker processes, {args.files} files, "
        f"steady {plan.steady:g} s (think {plan.steady_think:g} s) + burst {plan.burst:g} s "
        f"(think {plan.burst_think:g} s); {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}\n"
    )
    print("| phase | action | n | 409 | errors | client p50/p95/p99 ms | server p50/p95/p99 ms |")
    print("|---|---|---|---|---|---|---|")
    for phase in ("steady", "burst"):
        for action in ACTIONS:
            rows = [a for r in records for a in r.actions if a[0] == phase and a[1] == action]
            ok = [a for a in rows if a[2] == 200]
            client = [a[3] for a in ok]
            server = [a[4] for a in ok if a[4] is not None]
            conflicts = sum(1 for a in rows if a[2] == 409)
            errors = len(rows) - len(ok) - conflicts
            c = "/".join(f"{_pct(client, q):.0f}" for q in (0.5, 0.95, 0.99))
            s = "/".join(f"{_pct(server, q):.0f}" for q in (0.5, 0.95, 0.99))
            print(f"| {phase} | {action} | {len(ok)} | {conflicts} | {errors} | {c} | {s} |")
            figures[f"{phase}.{action}"] = {
                "n": len(ok),
                "conflicts": conflicts,
                "errors": errors,
                "client": [_pct(client, q) for q in (0.5, 0.95, 0.99)],
                "server": [_pct(server, q) for q in (0.5, 0.95, 0.99)],
            }
    writes = [w for r in records for w in r.writes]
    run_end = began + plan.steady + plan.burst
    steady_w = sum(1 for w in writes if w[2] < began + plan.steady)
    burst_w = sum(1 for w in writes if began + plan.steady <= w[2] < run_end)
    syncs = sum(r.sync_calls for r in records)
    each, slowest, missed = _lags(records, run_end)
    print()
    print("| figure | value |")
    print("|---|---|")
    lines = [
        ("writes/s steady", f"{steady_w / plan.steady:.1f}"),
        ("writes/s burst", f"{burst_w / plan.burst:.1f}" if plan.burst else "-"),
        ("sync answers/s (whole run)", f"{syncs / elapsed:.1f}"),
        ("sync errors", str(sum(r.sync_errors for r in records))),
        (
            "write → agent of its group sees it, p50/p95/p99 ms",
            "/".join(f"{_pct(each, q):.0f}" for q in (0.5, 0.95, 0.99)),
        ),
        (
            "write → every agent of its group saw it, p50/p95/p99 ms",
            "/".join(f"{_pct(slowest, q):.0f}" for q in (0.5, 0.95, 0.99)),
        ),
        ("(write, agent) pairs never seen by the end of the drain", str(missed)),
        ("server CPU s (% of one core)", f"{server_cpu:.1f} ({100 * server_cpu / elapsed:.0f}%)"),
        (
            "agent workers CPU s each",
            ", ".join(f"{r.cpu:.1f}" for r in records),
        ),
        ("login + fill s per worker", ", ".join(f"{r.fill_seconds:.0f}" for r in records)),
        ("store check", "; ".join(problems) or "ok"),
    ]
    for name, value in lines:
        print(f"| {name} | {value} |")
        figures[name] = value
    failures = [e for r in records for e in r.errors]
    if failures:
        print("\nerrors (first 10):", *failures[:10], sep="\n  ")
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
