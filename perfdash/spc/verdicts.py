"""The SPC verdicts in the users' words, and the two-part status a board reads beside RAG.

Words, never colour, carry the meaning: the icons in components/spc_icons.py show a letter and a
shape and take their alt text from here.
"""
from __future__ import annotations

import math

from perfdash.spc import xmr

VARIATION_WORDS = {
    xmr.COMMON_CAUSE: "Common cause variation: no signal of change",
    xmr.IMPROVEMENT: "Special cause variation: improvement",
    xmr.CONCERN: "Special cause variation: concern",
    xmr.NEITHER: "Special cause variation: a change that is neither better nor worse",
    xmr.TOO_FEW_POINTS: f"Too few points for SPC (fewer than {xmr.MIN_POINTS})",
}

ASSURANCE_WORDS = {
    xmr.PASS: "Target reliably met: the limits lie wholly on the good side of the target",
    xmr.FAIL: "Target reliably missed: the limits lie wholly on the bad side of the target",
    xmr.HIT_OR_MISS: "Target hit or miss: the target lies within the limits",
    xmr.NO_ASSURANCE: "No assurance against a target",
}

RULE_WORDS = {
    xmr.OUTSIDE_LIMITS: "outside the limits",
    xmr.TREND: f"a trend of {xmr.RUN_LENGTH} or more points each higher (or lower) than the one before",
    xmr.TWO_IN_THREE: "two of three points close to a limit",
    xmr.SHIFT: f"a run of {xmr.RUN_LENGTH} or more points on one side of the mean",
}

FALLBACK_WORDS = (f"SPC needs at least {xmr.MIN_POINTS} points: read the RAG status and the "
                  "direction of travel instead")


def _direction_words(direction: int) -> str:
    return {1: "higher", -1: "lower"}.get(direction, "")


def variation_words(variation: str, direction: int = 0) -> str:
    """The variation verdict in words; a neutral signal says which way the values moved."""
    words = VARIATION_WORDS[variation]
    if variation == xmr.NEITHER and direction:
        words += f" (values {_direction_words(direction)})"
    return words


def no_assurance_reason(*, variation: str, target: float | None, polarity: str | None) -> str:
    if variation == xmr.TOO_FEW_POINTS:
        return f"fewer than {xmr.MIN_POINTS} points, so no limits"
    if polarity not in ("higher", "lower"):
        return "neither higher nor lower is better"
    if target is None or math.isnan(target):
        return "there is no target"
    return ""


def assurance_words(assurance: str, *, variation: str = xmr.COMMON_CAUSE, target: float | None = None,
                    polarity: str | None = None) -> str:
    """The assurance verdict in words; "none" says why there is none."""
    words = ASSURANCE_WORDS[assurance]
    if assurance == xmr.NO_ASSURANCE:
        reason = no_assurance_reason(variation=variation, target=target, polarity=polarity)
        return f"{words}: {reason}" if reason else words
    return words


def rules_words(rules) -> str:
    return "; ".join(RULE_WORDS[rule] for rule in rules)


def two_part_status(rag_words: str, variation: str, assurance: str, direction: int = 0) -> str:
    """RAG against this quarter's target beside SPC's two questions, in one line:
    "Off target | SPC: Special cause variation: concern; Target hit or miss: ..."."""
    if variation == xmr.TOO_FEW_POINTS:
        return f"{rag_words} | SPC: {FALLBACK_WORDS}"
    return (f"{rag_words} | SPC: {variation_words(variation, direction)}; "
            f"{ASSURANCE_WORDS[assurance]}")
