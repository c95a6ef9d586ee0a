-- Store write: set the store's kind on its first write.
-- Parameters: $kind ('real' or 'demo').
-- Returns: nothing
insert into store_info (key, value) values ('kind', $kind)
