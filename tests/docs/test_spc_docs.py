"""docs/SPC.md keeps up with the code: every rule, verdict, constant, option and icon letter."""
from __future__ import annotations

import re

from components import spc_icons
from perfdash.paths import ROOT
from perfdash.spc import verdicts, xmr

DOC = (ROOT / "docs" / "SPC.md").read_text(encoding="utf-8")


def test_every_rule_and_verdict_is_explained():
    names = [*xmr.RULES, *xmr.VARIATIONS, *xmr.ASSURANCES]
    assert [name for name in names if f"`{name}`" not in DOC] == []


def test_the_constants_are_the_documented_ones():
    assert f"**{xmr.LIMIT_FACTOR}**" in DOC
    assert f"**above {xmr.SCREEN_FACTOR} × the mean moving range**" in DOC
    assert f"**{xmr.RUN_LENGTH} or more**" in DOC
    assert f"fewer than **{xmr.MIN_POINTS}** points" in DOC


def test_the_order_of_precedence_is_the_documented_one():
    documented = re.search(r"in this order:\s+\*\*(.+?)\*\*", DOC, flags=re.DOTALL).group(1)
    words = {"outside the limits": xmr.OUTSIDE_LIMITS, "trend": xmr.TREND, "two-in-three": xmr.TWO_IN_THREE,
             "shift": xmr.SHIFT}
    assert tuple(words[w.strip()] for w in documented.replace("\n", " ").split(",")) == xmr.RULES


def test_every_option_of_the_command_is_documented():
    from perfdash.cli.main import parser

    spc = parser()._subparsers._group_actions[0].choices["spc"]
    options = [o for action in spc._actions for o in action.option_strings if o.startswith("--") and o != "--help"]
    assert [o for o in options if o not in DOC] == []


def test_every_icon_letter_and_the_fallback_words_are_in_the_icon_tables():
    letters = [letter for _, letter in (*spc_icons.VARIATION_STYLES.values(), *spc_icons.ASSURANCE_STYLES.values())
               if letter]
    assert [letter for letter in letters if f"**{letter}**" not in DOC] == []
    assert verdicts.FALLBACK_WORDS in DOC
