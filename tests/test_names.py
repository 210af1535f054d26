from unionstate_timeline.nlp.names import canonical_people


def test_names_transliterations_and_typos_are_one_person():
    names = [
        "Alexander Lukashenko",
        "Alexander Lukashenko",
        "Aleksandr Lukashenko",
        "Lukashenko",
        "Lukashenka",
        "Lukkashenko",
        "Vladimir Putin",
        "Putin",
    ]
    mapping = canonical_people(names)
    assert {mapping[n] for n in names[:6]} == {"Alexander Lukashenko"}
    assert mapping["Putin"] == "Vladimir Putin"


def test_names_short_different_surnames_stay_apart():
    mapping = canonical_people(["Ivan Lee", "Anna Lea"])
    assert mapping["Ivan Lee"] != mapping["Anna Lea"]


def test_names_title_swallowed_by_the_model_is_dropped():
    mapping = canonical_people(iter(["Belarus Alexander Lukashenko", "Alexander Lukashenko"]))
    assert mapping["Belarus Alexander Lukashenko"] == "Alexander Lukashenko"
