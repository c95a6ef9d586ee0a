-- Options for the shared sidebar filters.
-- Parameters: none.
-- Returns: kind ('council' or 'theme'), value, label
select 'council' as kind, council_id as value, name as label from councils
union all
select distinct 'theme' as kind, common_theme as value, common_theme as label from indicators
union all
select distinct 'theme' as kind, common_theme as value, common_theme as label from priorities
union all
select distinct 'theme' as kind, common_theme as value, common_theme as label from actions
order by kind, label
