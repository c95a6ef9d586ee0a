-- Store write: copy exported rows into one store table, for import-store, inside the writer's
-- transaction. __table__ and __columns__ come from perfdash.store.transfer's allow-list and the
-- table's own columns, never user text; rows come from the temporary table restore_rows.
-- Parameters: none.
-- Returns: nothing
insert into __table__ (__columns__) select __columns__ from restore_rows
