-- Setup for the synthetic national dataset: a deterministic pseudo-random number per key.
-- Parameters (DuckDB variables): getvariable('seed').
-- Returns: nothing (creates macro rnd(key) -> double in [0, 1), the same for the same seed and key)
create or replace macro rnd(key) as
    (hash(getvariable('seed'), key) % 1000003) / 1000003.0
