"""advisor.construct.constructed builds the very object pydantic's model_construct builds
(same fields in the same order, same fields set, no extra, no private attributes) for the
output models an assessment builds by the thousand, and falls back to model_construct
when a field is missing or unknown."""

from __future__ import annotations

from advisor.construct import constructed
from advisor.findings import OpenQuestion, Question, Unknown


def _same(a, b) -> None:
    assert type(a) is type(b)
    assert a == b
    assert list(a.__dict__) == list(b.__dict__)
    assert a.model_fields_set == b.model_fields_set
    assert a.__pydantic_extra__ == b.__pydantic_extra__
    assert a.__pydantic_private__ == b.__pydantic_private__
    assert a.model_dump_json() == b.model_dump_json()
    assert repr(a) == repr(b)


def test_the_same_object_as_model_construct():
    q = dict(id="partner.age", text="Depuis combien d'années ce partenaire existe-t-il ?")
    _same(constructed(Question, **q), Question.model_construct(**q))
    question = Question.model_construct(**q)
    u = dict(field="partners[0].age_years", label="Âge", entry="P", test="< 8", questions=[])
    _same(constructed(Unknown, **u), Unknown.model_construct(**u))
    o = dict(
        field="partners[0].age_years",
        entry=None,
        question=question,
        label="Âge",
        decides=["R1", "R2"],
        worst_severity="high",
        weight=4.6,
        partners=["P"],
        topic=False,
    )
    assert set(o) == set(OpenQuestion.model_fields)  # every field given: the fast path
    _same(constructed(OpenQuestion, **o), OpenQuestion.model_construct(**o))


def test_a_field_left_out_or_unknown_is_left_to_model_construct():
    u = dict(field="f", label="l", test="t")
    _same(constructed(Unknown, **u), Unknown.model_construct(**u))  # defaults filled
    odd = dict(id="x", nope="y")
    _same(constructed(Question, **odd), Question.model_construct(**odd))
