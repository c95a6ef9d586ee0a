"""Shared series for the SPC tests.

BASE alternates 10 and 12 for ten points: its mean is 11 and every moving range is 2, so by hand
the limits are 11 ± 2.66 × 2 = 5.68 and 16.32, and two-thirds of the way to them is
11 ± 3.5467, i.e. 7.4533 and 14.5467. It breaks no rule itself. Tests append points to it and fix
the limits on these ten (baseline=10), so the appended points are judged against those numbers.
"""
BASE = [10.0, 12.0] * 5
BASE_MEAN, BASE_LOWER, BASE_UPPER = 11.0, 5.68, 16.32
CLOSE_UP, CLOSE_DOWN = 11 + 2 / 3 * 5.32, 11 - 2 / 3 * 5.32
