"""`manage.py spc`: an XmR chart's verdicts for a CSV file of period,value or for a stored series."""
from __future__ import annotations

import argparse
import csv
import json
import math
import sys

from perfdash import paths

USAGE_ERROR, DATA_ERROR = 2, 1


def _finite(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(number):
        raise argparse.ArgumentTypeError(f"{text!r} must be a finite number")
    return number


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


class _Refused(Exception):
    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def _stored(args: argparse.Namespace):
    """(series, DEMO warning or None) for --council and --indicator; _Refused says why not."""
    from perfdash.db.database import ExtractsMissing, run_named
    from perfdash.db.store_database import open_with_store
    from perfdash.spc.stored import stored_series
    from perfdash.store.outturns import DEMO, ActualsStore, StoreError, kind_on_disk

    store_path = args.store or str(paths.demo_store_path() if args.demo else paths.store_path())
    try:
        kind = kind_on_disk(store_path) or (DEMO if args.demo else "real")
        store = ActualsStore(store_path, kind)
        connection = open_with_store(args.extracts, store)
    except (StoreError, ExtractsMissing) as error:
        raise _Refused(str(error), DATA_ERROR) from error
    rows = run_named(connection, "spc_series", council=args.council, ref=args.indicator)
    if rows.empty:
        known = set(run_named(connection, "overview_council_summary")["council_id"])
        if args.council not in known:
            raise _Refused(f"unknown council {args.council!r}; choose one of {', '.join(sorted(known))}",
                           USAGE_ERROR)
        raise _Refused(f"{args.council} has no indicator {args.indicator!r} (give its indicator_id, the plan's "
                       "ref or the national code)", USAGE_ERROR)
    matches = sorted(set(rows["indicator_id"]))
    if len(matches) > 1:
        raise _Refused(f"{args.indicator!r} names {len(matches)} of {args.council}'s indicators; give one "
                       f"indicator_id: {', '.join(matches)}", USAGE_ERROR)
    if rows["kind"].isna().all():
        raise _Refused(f"{matches[0]} has no figures at all", DATA_ERROR)
    series = stored_series(rows, args.frequency)
    if not series.values:
        raise _Refused(f"{matches[0]} has no {series.frequency} actuals to chart"
                       + (f" ({'; '.join(series.notes)})" if series.notes else ""), DATA_ERROR)
    return series, ("DEMONSTRATION DATA: generated outturns, not real figures" if kind == DEMO else None)


def cmd_spc(args: argparse.Namespace) -> int:
    from perfdash.spc import verdicts
    from perfdash.spc.series_file import SeriesFileError, read_series
    from perfdash.spc.xmr import SpcInputError, xmr

    stored_mode = args.council is not None or args.indicator is not None
    if stored_mode == (args.file is not None):
        return _fail("give either FILE or --council with --indicator", USAGE_ERROR)
    extra: dict = {}
    if stored_mode:
        if args.council is None or args.indicator is None:
            return _fail("--council and --indicator go together", USAGE_ERROR)
        try:
            series, warning = _stored(args)
        except _Refused as refusal:
            return _fail(str(refusal), refusal.code)
        if warning:
            print(warning, file=sys.stderr)
        polarity = args.polarity or series.polarity
        target = args.target if args.target is not None else series.target
        periods, values = series.periods, series.values
        extra = {"indicator": {"indicator_id": series.indicator_id, "council_id": args.council,
                               "title": series.title, "unit": series.unit, "profile": series.profile},
                 "frequency": series.frequency,
                 "target_period": None if args.target is not None else series.target_period,
                 "target_source": "--target" if args.target is not None else series.target_source,
                 "sources": series.sources, "notes": series.notes}
    else:
        if args.frequency:
            return _fail("--frequency applies to stored series only", USAGE_ERROR)
        if args.polarity is None:
            return _fail("--polarity higher|lower|neutral is required with FILE", USAGE_ERROR)
        try:
            file_series = read_series(args.file)
        except SeriesFileError as error:
            return _fail(str(error), DATA_ERROR)
        polarity, target, periods, values = args.polarity, args.target, file_series.periods, file_series.values
    try:
        result = xmr(values, periods, polarity=polarity, target=target, baseline=args.baseline,
                     change_points=args.change_at or (), screen_outliers=args.screen_outliers)
    except SpcInputError as error:
        return _fail(str(error), USAGE_ERROR)
    summary = {**result.to_dict(), **extra,
               "variation_words": verdicts.variation_words(result.variation, result.variation_direction),
               "assurance_words": verdicts.assurance_words(result.assurance, variation=result.variation,
                                                           target=result.target, polarity=polarity)}
    if result.variation == "too_few_points":
        summary["fallback"] = verdicts.FALLBACK_WORDS
    if args.format == "csv":
        _write_csv(result)
    else:
        print(json.dumps(summary, indent=2, allow_nan=False))
    return 0


def _write_csv(result) -> None:
    from perfdash.exports import neutralise  # a period label is the user's text, opened in spreadsheets

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["period", "value", "mean", "lower_limit", "upper_limit", "special_cause", "rules",
                     "point_type", "variation", "assurance"])
    for point in result.points:
        writer.writerow([neutralise(point.period), point.value, _cell(point.mean), _cell(point.lower_limit),
                         _cell(point.upper_limit), "yes" if point.special_cause else "no", ";".join(point.rules),
                         point.point_type, result.variation, result.assurance])


def _cell(value) -> str:
    return "" if value is None else repr(float(value))


def register(commands: argparse._SubParsersAction) -> None:
    """Add this group's subcommands to manage.py."""
    spc = commands.add_parser(
        "spc", help="SPC (NHS Making Data Count XmR chart): is the latest change a signal, and is the target "
        "reliably met? See docs/SPC.md",
        description="An XmR chart's limits, special-cause points, variation and assurance, for a CSV file "
        "(columns period,value, in time order) or for a council's stored indicator. Exit 1 when the data "
        "cannot be read, 2 when the options are wrong.")
    spc.add_argument("file", nargs="?", help="CSV file with the columns period,value, oldest first")
    spc.add_argument("--polarity", choices=("higher", "lower", "neutral"),
                     help="which direction is better (required with FILE; default: the indicator's)")
    spc.add_argument("--target", type=_finite, help="the target to judge assurance against "
                     "(default for a stored series: the target printed for the latest period, else the next)")
    spc.add_argument("--baseline", type=int, help="fix the limits on the first N points (N >= 10) of each segment")
    spc.add_argument("--change-at", action="append", metavar="PERIOD",
                     help="recalculate the limits from this period (repeatable)")
    spc.add_argument("--screen-outliers", action="store_true",
                     help="leave out moving ranges above 3.267 x their mean (NHSRplotthedots' default; "
                     "the Making Data Count tool and this command do not, by default)")
    spc.add_argument("--format", choices=("json", "csv"), default="json")
    spc.add_argument("--council", help="council_id of a stored series, e.g. nw-leicestershire")
    spc.add_argument("--indicator", help="the indicator: its indicator_id, the plan's ref or the national code")
    spc.add_argument("--frequency", choices=("annual", "quarterly"),
                     help="stored series: the plan's annual actuals or the quarterly outturns "
                     "(default: quarterly when there are any)")
    spc.add_argument("--store", help="actuals store file (default: $PERFDASH_STORE or data/store/actuals.duckdb)")
    spc.add_argument("--demo", action="store_true", help="read the demonstration store instead")
    spc.add_argument("--extracts", help="extracts folder (default: the configured one)")
    spc.set_defaults(handler=cmd_spc)
