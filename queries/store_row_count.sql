-- Store read: how many rows one store table holds (import-store refuses a store that has any).
-- __table__ comes from perfdash.store.transfer's allow-list, never user text.
-- Parameters: none.
-- Returns: one number
select count(*) from __table__
