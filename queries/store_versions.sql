-- Store read: each part's version counter (outturns, plans, decisions); every write advances its part's.
-- Parameters: none.
-- Returns: part, version
select part, version from store_versions order by part
