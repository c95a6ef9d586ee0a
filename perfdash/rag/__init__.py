"""The RAG rule, its tolerance settings, and each indicator-quarter's status."""
