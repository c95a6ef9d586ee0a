-- Store read: every row of one store table, for export-store. __table__ is one of the store's own
-- tables, from perfdash.store.transfer's allow-list, never user text.
-- Parameters: none.
-- Returns: every column of the table, in its own order, first column ascending
select * from __table__ order by 1
