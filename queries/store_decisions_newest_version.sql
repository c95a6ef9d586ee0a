-- Store read, inside a write: the newest decision version, the one just written.
-- Parameters: none.
-- Returns: one number (version_id)
select max(version_id) from decisions
