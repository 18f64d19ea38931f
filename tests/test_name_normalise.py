"""Names are compared with case, accents, punctuation and spacing folded away: the quick path
for plain ASCII and the kept results give what the full Unicode folding gives."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from quizlib import Actor
from quizlib.grading.names import allowed_typos, edit_distance, match_name, name_forms, normalise


def folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", stripped).strip()


@given(
    st.text() | st.text(st.characters(max_codepoint=127)) | st.sampled_from(["Zakharova", "Mariia Zakharova"])
)
def test_normalise_folds_as_unicode_does(text: str) -> None:
    assert normalise(text) == folded(text)
    assert normalise(text) == folded(text)  # a kept result is the same


def test_accents_case_and_punctuation_do_not_matter() -> None:
    assert normalise("  Ilham ALIYEV, Jr. ") == "ilham aliyev jr"
    assert normalise("Pashinyán") == normalise("pashinyan") == "pashinyan"
    assert normalise("ﬁle") == "file"  # a compatibility ligature


def _reference_match(answer: str, target: Actor, others: list[Actor]) -> bool:
    """match_name as the full edit-distance tables define it (no lower bound taken first)."""
    typed = normalise(answer)
    if not typed:
        return False
    forms = name_forms(target)
    if min((edit_distance(typed, f) - allowed_typos(f) for f in forms), default=1) > 0:
        return False
    mine = min(edit_distance(typed, f) for f in forms)
    return all(
        min((edit_distance(typed, f) for f in name_forms(o)), default=10**6) > mine
        for o in others
        if o.id != target.id
    )


_NAMES = st.text(alphabet="abcdeino ", min_size=1, max_size=14).filter(lambda s: s.strip())


@settings(max_examples=300, deadline=None)
@given(_NAMES, st.lists(_NAMES, min_size=1, max_size=5), st.sampled_from(["person", "institution"]))
def test_matching_names_agrees_with_the_full_tables(answer: str, names: list[str], kind: str) -> None:
    actors = [Actor(f"a{i}", name.title(), kind) for i, name in enumerate(names)]
    for target in actors:
        assert match_name(answer, target, actors) == _reference_match(answer, target, actors)


def test_a_name_written_surname_first_with_a_comma_is_read_in_its_usual_order() -> None:
    """ "Lindqvist, Sofia" and "Pont, Jean du" name their people; the comma does not make a
    first name alone right, nor a right name wrong ("Okoro, Jr.")."""
    sofia = Actor("s", "Sofia Lindqvist")
    jean = Actor("j", "Jean du Pont")
    okoro = Actor("o", "Sam Okoro Jr.")
    others = [sofia, jean, okoro, Actor("k", "Sofia Kask")]
    assert match_name("Lindqvist, Sofia", sofia, others)
    assert match_name("Pont, Jean du", jean, others) and match_name("du Pont, Jean", jean, others)
    assert match_name("Okoro, Sam", okoro, others) and match_name("Sam Okoro, Jr.", okoro, others)
    assert not match_name("Kask, Sofia", sofia, others)
    assert not match_name("Sofia, Lindqvist", jean, others)


def test_a_surname_takes_its_generation_and_never_stands_for_it() -> None:
    """ "Okoro Jr." is the surname with its generation; "Jr." alone names no one."""
    okoro = Actor("o", "Sam Okoro Jr.")
    assert match_name("Okoro Jr", okoro) and match_name("Okoro", okoro)
    assert not match_name("Jr.", okoro)
    from quizlib import surname_forms

    assert "Jr." not in surname_forms("Sam Okoro Jr.") and "III" not in surname_forms("King Charles III")


def test_a_surname_keeps_its_particles() -> None:
    """ "van Dyke" and "de Broglie" are surnames; "Dyke" and "Broglie" alone name no one the
    deck knows, though the author may list them as aliases."""
    from quizlib import surname_forms

    assert surname_forms("Hanna Marit van der Velde") == ["van der Velde"]
    assert surname_forms("Paul de Roche") == ["de Roche"]
    velde = Actor("v", "Hanna Marit van der Velde")
    assert match_name("van der Velde", velde) and match_name("Van der Velde", velde)
    assert not match_name("Velde", velde)
    assert match_name("Velde", Actor("w", "Hanna Marit van der Velde", aliases=("Velde",)))
