"""Money: rates keep their unit in the canonical name; pence are money."""

from __future__ import annotations

import pytest

from indexer.entities.extractor import extract


@pytest.mark.parametrize(
    ("body", "span", "canonical", "value"),
    [
        ("Night staff get £2 an hour more.", "£2", "£2 an hour", 2.0),
        ("The scheme costs £150m a year to run.", "£150m", "£150m a year", 150e6),
        ("A £30,000-a-year post was cut.", "£30,000", "£30,000 a year", 30000.0),
        ("Charges rise to £9.90 per item in April.", "£9.90", "£9.90 per item", 9.9),
        ("The trust lost £4.2m last year.", "£4.2m", "£4.2m", 4.2e6),
        ("Fares rose by 65p on Monday.", "65p", "65p", 0.65),
        ("TRANSFORMATION FUND: £4.2M FOR RURAL CARE", "£4.2M", "£4.2M", 4.2e6),  # capitals
        ("A £1.5BN GAP IN THE BUDGET", "£1.5BN", "£1.5BN", 1.5e9),
    ],
)
def test_money(body: str, span: str, canonical: str, value: float) -> None:
    money = [
        (e.text, e.canonical, e.value) for e in extract(None, body, None) if e.label == "MONEY"
    ]
    assert money == [(span, canonical, pytest.approx(value))]


@pytest.mark.parametrize(
    "body",
    [
        "Send form P45 to HR.",
        "Pay rose 20pc this year.",
        "See p45.",
        "The party would put 2p on income tax for the NHS.",  # a tax's rate, not a sum
        "It proposes a 3p cut in National Insurance.",
    ],
)
def test_not_pence(body: str) -> None:
    assert not [e for e in extract(None, body, None) if e.label == "MONEY"]


@pytest.mark.parametrize(
    ("body", "span", "value"),
    [
        ("Fines can be up to EUR 20 million or 4% of turnover.", "EUR 20 million", None),
        ("The contract is worth USD 4.5bn.", "USD 4.5bn", None),
        ("A fee of GBP 1,200 applies.", "GBP 1,200", 1200.0),
    ],
)
def test_a_sum_after_its_currency_code(body: str, span: str, value: float | None) -> None:
    """Regulations and European sources write the code, not the sign; only pounds are valued."""
    money = [(e.text, e.value) for e in extract(None, body, None) if e.label == "MONEY"]
    assert money == [(span, value)]
