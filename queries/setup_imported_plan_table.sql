-- Setup: one contract table as the dashboard sees it once registers are imported: the bundled
-- extract's rows and the store's imported rows (frame imported___table__), the imported row
-- winning where both have the same key (a register revises a bundled target, say).
-- __table__ is a contract table and __key_match__ its key columns compared NULL-safe, both from
-- the contract (perfdash.db.database), never user text.
-- Parameters: none.
-- Returns: nothing (creates view __table__ over view extract___table__ and table imported___table__)
create or replace view __table__ as
select e.*
from extract___table__ as e
where not exists (select 1 from imported___table__ as i where __key_match__)
union all by name
select * from imported___table__
