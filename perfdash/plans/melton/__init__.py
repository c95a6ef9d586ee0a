"""Melton Borough Council improvement plan, Appendix A."""
