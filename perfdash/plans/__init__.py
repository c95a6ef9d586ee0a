"""The plans: the data contract, building and checking the extracts, and one parser package per source document."""
