"""The bench command: a synthetic national-scale dataset and timings for every page.

    python manage.py bench [--scale bundled|national|both] [--councils N] [--runs N] [--growth 10,100,350]
                           [--json PATH] [--quick]

See docs/PERFORMANCE.md for the method and the latest figures.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

QUICK = {"councils": 6, "indicators": 12, "years": 3, "runs": 1}


def cmd_bench(args: argparse.Namespace) -> int:
    from bench import report, runner, synthetic

    quick = args.quick
    try:
        size = synthetic.Size(councils=args.councils or (QUICK["councils"] if quick else 350),
                              indicators=args.indicators or (QUICK["indicators"] if quick else 300),
                              years=args.years or (QUICK["years"] if quick else 20), seed=args.seed)
    except ValueError as error:
        print(f"bench: {error}")
        return 2
    if args.generate_only:
        folder = Path(args.generate_only)
        counts = synthetic.generate(folder, size)
        print(f"bench: wrote a synthetic dataset to {folder}: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
        return 0
    runs = args.runs or (QUICK["runs"] if quick else 5)
    try:
        growth = tuple(int(n) for n in args.growth.split(",") if n.strip()) if args.growth else ()
    except ValueError:
        print(f"bench: --growth takes numbers of councils, e.g. 10,100,350, not {args.growth!r}")
        return 2
    if any(n < 1 for n in growth) or len(set(growth)) == 1:
        print("bench: --growth takes at least two different numbers of councils, each at least 1")
        return 2
    try:
        concurrent = tuple(int(n) for n in args.concurrent.split(",") if n.strip()) if args.concurrent else ()
    except ValueError:
        print(f"bench: --concurrent takes numbers of browser sessions, e.g. 1,5,10,20, not {args.concurrent!r}")
        return 2
    if any(n < 1 or n > 50 for n in concurrent):
        print("bench: --concurrent takes numbers of browser sessions from 1 to 50")
        return 2
    options = runner.Options(
        scales=("bundled", "national") if args.scale == "both" else (args.scale,), size=size, runs=runs,
        pages=tuple(p.strip() for p in args.pages.split(",") if p.strip()) if args.pages else (),
        page_budget_s=args.page_budget, page_timeout_s=args.page_timeout, browser=not (quick or args.no_browser),
        browser_runs=1 if quick else 3, pandas_runs=1 if quick else 3, clicks=args.clicks,
        commands=not args.no_commands, command_runs=1 if quick else min(runs, 3), growth=growth,
        concurrent=concurrent, register_rows=100 if quick else 10_000)
    try:
        scales = runner.run(options, say=lambda line: print(line, flush=True))
    except ValueError as error:
        print(f"bench: {error}")
        return 2
    targets = report.evaluate(scales)
    result = {**report.document(scales, targets), "code": runner.code_state()}
    for line in report.text(scales, targets):
        print(line)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    print(result["summary"])  # always the last line
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to manage.py."""
    bench = commands.add_parser(
        "bench", help="time every page at bundled and synthetic national scale against the performance targets")
    bench.add_argument("--scale", choices=("bundled", "national", "both"), default="both",
                       help="the real extracts, a synthetic national dataset, or both (default)")
    bench.add_argument("--councils", type=int, help="synthetic councils (default 350)")
    bench.add_argument("--indicators", type=int, help="synthetic indicators per council (default 300)")
    bench.add_argument("--years", type=int, help="synthetic financial years (default 20)")
    bench.add_argument("--seed", type=int, default=2026, help="seed of the synthetic data (default 2026)")
    bench.add_argument("--runs", type=int, help="cold runs per page, each followed by two warm runs (default 5)")
    bench.add_argument("--pages", help="only these pages, comma-separated names or paths (default: every page)")
    bench.add_argument("--page-budget", type=float, default=40,
                       help="seconds per page and phase after which no further run starts (default 40)")
    bench.add_argument("--page-timeout", type=float, default=90,
                       help="seconds after which a single run of a page is stopped and reported (default 90)")
    bench.add_argument("--json", help="also write the figures as JSON to this file")
    bench.add_argument("--no-browser", action="store_true",
                       help="skip the app start and click-to-idle timings in Chromium")
    bench.add_argument("--clicks", type=int, default=12,
                       help="timed clicks per page in Chromium, after two warm-up clicks (default 12)")
    bench.add_argument("--no-commands", action="store_true",
                       help="skip timing import-plan, board-pack and SPC on the synthetic dataset")
    bench.add_argument("--growth", metavar="N,N,...",
                       help="also measure the council-filtered pages at these numbers of councils, e.g. 10,100,350")
    bench.add_argument("--concurrent", metavar="N,N,...",
                       help=("also time N browser sessions clicking at once, against one server and one per core, "
                             "e.g. 1,5,10,20"))
    bench.add_argument("--quick", action="store_true",
                       help="a tiny dataset, one run, no browser: checks the bench itself, not the app")
    bench.add_argument("--generate-only", metavar="FOLDER",
                       help="write the synthetic dataset to FOLDER and stop (to run the app on it yourself)")
    bench.set_defaults(handler=cmd_bench)
