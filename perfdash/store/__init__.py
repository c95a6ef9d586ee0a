"""The store: outturns, imported plan registers and meeting decisions, with every version.

One interface over two backends: an embedded DuckDB file (the default, one machine) and a
PostgreSQL server (several app replicas, many writers). `open_backend(location)` picks by the
location: a `postgresql://` URL or a file path. The schema is versioned (migrations.py); every
write advances a version counter that readers key their caches on.
"""
