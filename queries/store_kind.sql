-- Store read: the kind the store was created as ('real' or 'demo'), or no row before its first write.
-- Parameters: none.
-- Returns: value
select value from store_info where key = 'kind'
