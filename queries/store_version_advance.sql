-- Store write: advance one part's version counter, inside the writer's transaction.
-- Parameters: $part (outturns, plans or decisions).
-- Returns: nothing
insert into store_versions (part, version) values ($part, 1)
on conflict (part) do update set version = store_versions.version + 1
