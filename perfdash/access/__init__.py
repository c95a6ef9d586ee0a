"""Editors and sign-in: who may record outturns."""
