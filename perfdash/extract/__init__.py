"""Turning the plan documents into tidy, traceable extract tables."""
