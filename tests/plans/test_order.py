"""The priorities' `order` column: each plan's priorities numbered 1 to n in the plan's own order,
so that "1.10" no longer sorts before "1.2"."""
import pytest

from perfdash.plans.ordering import number_in_plan_order, outline_key


@pytest.mark.parametrize("refs, expected", [
    (["1.10", "1.2", "2", "1", "1.1"], ["1", "1.1", "1.2", "1.10", "2"]),
    (["2.a", "2", "10", "9"], ["2", "2.a", "9", "10"]),
])
def test_outline_key_reads_numbers_as_numbers(refs, expected):
    assert sorted(refs, key=outline_key) == expected


def test_numbering_keeps_the_given_order_and_does_not_change_the_rows():
    rows = [{"priority_id": "p:3"}, {"priority_id": "p:1"}]
    numbered = number_in_plan_order(rows)
    assert [(row["priority_id"], row["order"]) for row in numbered] == [("p:3", 1), ("p:1", 2)]
    assert "order" not in rows[0]


def test_every_bundled_priority_has_its_place_in_its_plan(committed_tables):
    by_plan: dict[str, list[int]] = {}
    for row in committed_tables["priorities"]:
        by_plan.setdefault(row["plan_id"], []).append(row["order"])
    assert set(by_plan) == {plan["plan_id"] for plan in committed_tables["plans"]} - {"melton-improvement-2009"}
    for plan_id, orders in by_plan.items():
        assert sorted(orders) == list(range(1, len(orders) + 1)), plan_id


def test_leicestershire_1_10_to_1_14_follow_1_2_to_1_9(committed_tables):
    """The plan prints "Increase Academic Attainment" (1.1, line 42) ... "Equalities" (1.14, line 132)
    under Part 1; as text, "1.10" would sort before "1.2"."""
    rows = [row for row in committed_tables["priorities"] if row["plan_id"] == "leicestershire-annual-2007"]
    order = {row["priority_id"].split(":", 1)[1]: row["order"] for row in rows}
    sub = [f"1.{n}" for n in range(1, 15)]
    assert [order[ref] for ref in sub] == sorted(order[ref] for ref in sub)
    assert order["1"] < order["1.1"] and order["1.14"] < order["2"] < order["2.1"]


def test_nw_leicestershire_order_follows_the_ranking(committed_tables):
    ranked = sorted((row for row in committed_tables["priorities"]
                     if row["plan_id"] == "nwl-delivery-2007" and row["rank"] is not None), key=lambda r: r["order"])
    assert [row["rank"] for row in ranked] == list(range(1, 10))
