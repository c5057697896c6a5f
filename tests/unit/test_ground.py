"""Code checks every figure the model proposes against its sentence."""

import pytest

from service.extract import Candidate, FigureDraft, Reading, SentenceFacts
from service.ground import (
    GroundingReport,
    check_numbers,
    check_source,
    ground,
    group_as_written,
    qualifier_of,
)
from service.numbers import find_numbers
from service.schema import Evidence
from service.text import Span


def fig(killed=None, injured=None, group="people", qualifier=None, source=None) -> FigureDraft:
    return FigureDraft(killed=killed, injured=injured, group=group, qualifier=qualifier, source=source)


def test_number_not_in_sentence_is_dropped_with_a_warning() -> None:
    warnings: list[str] = []
    got = check_numbers(fig(injured=1_200_000), "more than 12 million have lost their homes", warnings)
    assert got == (None, None)
    assert warnings and "not in its sentence" in warnings[0]


def test_wounded_figure_given_as_killed_is_moved() -> None:
    warnings: list[str] = []
    s = "said a hospital director, giving a toll of at least 150 wounded in the two towns."
    assert check_numbers(fig(killed=150), s, warnings) == (None, 150)
    assert "moved 150" in warnings[0]


def test_zero_without_a_zero_in_the_text_is_null() -> None:
    assert check_numbers(fig(killed=38, injured=0), "38 people were killed", []) == (38, None)


def test_qualifier_is_the_hedge_before_the_number() -> None:
    assert qualifier_of("At least 38 people were killed", 38) == "at least"
    assert qualifier_of("38 people were killed, more than ever", 38) is None
    s = "Since 19 September, more than 450 civilians have been killed and more than 1700 injured"
    assert qualifier_of(s, 450) == "more than" and qualifier_of(s, 1700) == "more than"
    assert qualifier_of("a toll of at least 150 wounded", 150) == "at least"


def test_source_rules() -> None:
    art = (
        "The Syrian Observatory for Human Rights said 155 died. "
        "The dead include 11 civilians, according to the UK-based group."
    )
    _, sent = art.split(". ", 1)
    w: list[str] = []
    assert check_source("Syrian Observatory for Human Rights", sent, art, None, None, w)
    # No attribution at all in the sentence or its context.
    assert check_source("Reuters", "38 people were killed.", art, None, None, w) is None
    # Named in the article but far from an unattributed figure.
    far = "Among the dead were said to be 14 children."
    assert check_source("Syrian Observatory for Human Rights", far, art, None, None, w) is None
    # The perpetrator is not the source of a toll.
    s = "Islamic State claimed responsibility, with 32 people killed on Monday."
    assert check_source("Islamic State", s, s, None, "Islamic State", w) is None
    assert check_source("said", sent, art, None, None, w) is None


@pytest.mark.parametrize(
    ("sentence", "source", "value", "kept"),
    [
        # the teller speaks of the fires or circumstances, in a clause of their own: no claimant
        (
            "Four people died in a fire that investigators said was started deliberately.",
            "investigators",
            4,
            False,
        ),
        (
            "Six former aides have died this year in ways that police have said were suicides.",
            "police",
            6,
            False,
        ),
        # the teller gives the number
        ("Five people died in the blast, police said.", "police", 5, True),
        ("Police found 12 victims who officers said had been shot.", "officers", 12, True),
        ("Police, who said the toll could rise, reported that five people died.", "Police", 5, True),
        (
            "Twelve people died, according to officials who said the search would go on.",
            "officials",
            12,
            True,
        ),
    ],
)
def test_a_teller_of_another_noun_is_no_claimant(sentence: str, source: str, value: int, kept: bool) -> None:
    warnings: list[str] = []
    assert (check_source(source, sentence, sentence, None, None, warnings, value) == source) is kept
    assert bool(warnings) is not kept


def test_ground_builds_events_with_code_offsets() -> None:
    article = "Title\n\nAt least 38 people were killed in Tarsa on Tuesday."
    start = article.index("At least")
    span = Span(start, len(article), article[start:])
    facts = SentenceFacts(
        figures=[fig(killed=38, qualifier="at least", source="the fire service")],
        event_type="shelling",
        place="Tarsa",
        when="on Tuesday",
        by=None,
        target=None,
    )
    evidence = {start: Evidence(quote=span.text, start=start, end=len(article))}
    report = ground([Reading(Candidate(span, ""), facts)], evidence, article, "2016-10-31")
    (event,) = report.events
    assert event.location == "Tarsa" and event.date == "2016-10-25"
    (c,) = event.casualties
    assert c.killed == 38 and c.qualifier == "at least" and c.claimed_by is None
    assert article[c.evidence.start : c.evidence.end] == c.evidence.quote


def test_a_number_that_counts_something_else_is_not_a_casualty_figure() -> None:
    warnings: list[str] = []
    s = "The riot ended as police detained more than three dozen protesters."
    assert check_numbers(fig(killed=36), s, warnings) == (None, None)
    assert "counts something else" in warnings[0]


def test_the_death_rule_fires_on_the_right_number_only() -> None:
    # "two" is the whole party; only "One" died.
    s = "One of the two hikers died of exposure and the other was less seriously hurt."
    assert check_numbers(fig(killed=2), s, []) == (None, None)
    assert check_numbers(fig(killed=1), s, []) == (1, None)
    assert check_numbers(fig(injured=1), s, []) == (1, None)


def test_a_number_no_casualty_word_speaks_about_is_dropped() -> None:
    warnings: list[str] = []
    s = "Two buses carrying 48 pilgrims collided, and one driver was killed."
    assert check_numbers(fig(killed=48), s, warnings) == (None, None)


def test_a_place_keeps_its_relation_as_written() -> None:
    from service.places import place_as_written

    s = "A car bomb two streets from the central bank killed 4 people near the port on Friday."
    assert place_as_written("the central bank", s, s.index("4")) == "two streets from the central bank"
    s = "Four people were killed in clashes near the stadium."
    assert place_as_written("the stadium", s, s.index("Four")) == "near the stadium"
    s = "A blast across the street from the Grand Hotel killed 15 people."
    assert place_as_written("the Grand Hotel", s, s.index("15")) == "across the street from the Grand Hotel"


def test_a_place_from_another_clause_is_not_the_figures_place() -> None:
    from service.places import place_as_written

    s = "Jets struck targets in Varna after 25 people were killed in bombings in Tarsa."
    assert place_as_written("Varna", s, s.index("25")) is None
    assert place_as_written("Tarsa", s, s.index("25")) == "Tarsa"


def test_a_place_inside_a_longer_name_is_not_a_place() -> None:
    from service.places import place_as_written

    s = "One passenger died, according to Varna News."
    assert place_as_written("Varna", s, s.index("One")) is None
    s = "One passenger died in Varna, according to Varna News."
    assert place_as_written("Varna", s, s.index("One")) == "Varna"


def test_a_figure_that_names_the_leads_event_takes_the_leads_place() -> None:
    from service.places import same_event_place

    lead = "A light aircraft crashed near Tarsa airport on Saturday, officials said."
    assert same_event_place("All five people aboard died in the crash.", lead, None) == "near Tarsa"
    lead = "A gas line exploded at a quarry in Varna on Friday."
    assert same_event_place("The blast injured 10 workers.", lead, None) == "Varna"
    assert same_event_place("The blast injured 10 workers.", lead, "near the quarry") == "near the quarry"
    # Another kind of event, a background toll, or no reference: no place is inherited.
    assert same_event_place("The fire injured 10 workers.", lead, None) is None
    assert same_event_place("The blast was the worst since the war began in 2011.", lead, None) is None
    assert same_event_place("Ten workers were injured.", lead, None) is None


def _reading(article: str, sentence: str, killed: int, place: str | None) -> tuple[Reading, dict]:
    start = article.index(sentence)
    span = Span(start, start + len(sentence), sentence)
    facts = SentenceFacts(
        figures=[fig(killed=killed)], event_type="accident", place=place, when=None, by=None, target=None
    )
    return Reading(Candidate(span, ""), facts), {start: Evidence(quote=sentence, start=start, end=span.end)}


def test_the_first_toll_of_the_lead_takes_the_leads_place_and_a_destination_is_no_place() -> None:
    lead = "A minibus heading to Varna left the road near Tarsa on Sunday, police said."
    toll = "Seven passengers were killed and the driver was arrested."
    background = "Nine people died in a similar crash on the same road two years ago."
    article = f"Minibus crash\n\n{lead}\n\n{toll}\n\n{background}"
    first, ev1 = _reading(article, toll, 7, "Varna")
    later, ev2 = _reading(article, background, 9, None)
    lead_ends = article.index(background) + len(background)
    report = ground([first, later], {**ev1, **ev2}, article, None, lead, lead_ends)
    assert [e.location for e in report.events] == ["near Tarsa", "unspecified"]


def test_the_group_is_the_noun_written_after_the_number() -> None:
    from service.ground import group_as_written
    from service.numbers import find_numbers

    s = "The blast left 17 injured people, most of them tourists, the police said."
    (mention,) = find_numbers(s)
    assert group_as_written("tourists", s, mention) is None
    assert group_as_written("people", s, mention) == "people"


@pytest.mark.parametrize(
    ("lead", "place"),
    [
        ("Lima, Peru (AP) -- A bus plunged into a ravine near Cusco on Monday, killing 12.", "near Cusco"),
        ("A fire broke out at a market in the northern town of Kaduna late on Friday.", "Kaduna"),
        ("A cargo ship sank off the Azores after its engine failed, the navy said.", "off the Azores"),
        ("Flooding hit Lagos and Ibadan on Sunday.", None),
        ("The council voted to raise taxes on Tuesday.", None),
    ],
)
def test_story_place_is_where_the_lead_says_it_happened(lead: str, place: str | None) -> None:
    from service.places import story_place

    assert story_place(lead) == place


@pytest.mark.parametrize(
    ("sentence", "inherits"),
    [
        ("Two drivers were taken to hospital, police said.", True),
        ("In a separate crash, two drivers were hurt.", False),  # another event
        ("Another collision on the same road left two drivers hurt.", False),
        ("A separate official said two drivers were taken to hospital.", True),  # the same event
        ("Another witness said two drivers were hurt.", True),
        ("Two drivers were hurt in Boulder.", False),  # names another place
        ("The virus has killed 300 people nationwide.", False),  # a country-wide toll
        ("Since the war began, 3,000 people have died.", False),  # background
    ],
)
def test_a_toll_inherits_the_story_place_only_when_nothing_says_otherwise(
    sentence: str, inherits: bool
) -> None:
    from service.places import inherited_place

    lead = "A truck overturned on a highway near Denver on Monday, spilling its load."
    assert (inherited_place(sentence, lead) == "near Denver") is inherits


def test_the_story_place_written_in_another_role_is_not_inherited() -> None:
    from service.places import inherited_place

    lead = "A bus plunged into a ravine near Tarsa on Monday."
    assert inherited_place("Five injured passengers were flown to Tarsa.", lead) is None


def test_a_toll_with_a_date_the_lead_lacks_is_another_event() -> None:
    from service.places import inherited_place, lead_place

    lead = "A bus plunged into a ravine near Tarsa on Monday."
    assert inherited_place("Three people were killed, police said.", lead, "on Monday") == "near Tarsa"
    assert inherited_place("Three people were killed, police said.", lead, "on January 29") is None
    assert lead_place("A ferry caught fire off Thailand's southern coast.") is None


def test_near_the_city_of_x_is_near_x() -> None:
    from service.places import relation_of

    sentence = "A bomb went off near the northern city of Tarsa on Monday, killing six people."
    at = sentence.index("Tarsa")
    assert relation_of(sentence, at, at + 5) == "near"
    sentence = "Six people were killed in the northern city of Tarsa."
    at = sentence.index("Tarsa")
    assert relation_of(sentence, at, at + 5) is None


def test_that_attack_points_back_not_at_the_lead() -> None:
    from service.places import inherited_place

    lead = "A bomb exploded in Tarsa on Monday."
    assert inherited_place("Nearly 150 people died in that attack.", lead) is None
    assert inherited_place("Nearly 150 people died in the attack.", lead) == "Tarsa"


def test_the_story_place_written_in_the_figures_clause_is_kept() -> None:
    from service.places import inherited_place

    lead = "At least 12 people were killed in Tarsa on Monday when shells hit a market."
    assert inherited_place(lead, lead, "on Monday", near=lead.index("12")) == "Tarsa"
    assert inherited_place("Five injured passengers were flown to Tarsa.", lead, None, near=0) is None


def test_a_day_after_a_place_does_not_make_it_part_of_a_longer_name() -> None:
    from service.places import place_as_written

    sentence = "A bomb exploded at a cafe in the heart of the capital Tuesday, killing at least 10 people."
    assert place_as_written("the capital", sentence, sentence.index("10")) == "the capital"
    named = "Three died, according to Varna News."
    assert place_as_written("Varna", named, named.index("Three")) is None


def test_the_story_place_may_come_from_the_second_sentence_of_the_lead() -> None:
    from service.places import story_lead, story_place

    first = "A church roof collapsed during an Easter service, injuring 14 people."
    lead = story_lead([first, "The 100-year-old church in Tarsa was full."])
    assert lead is not None and story_place(lead) == "Tarsa"
    assert story_lead([first, "Last year a similar collapse in Tarsa killed two."]) == first  # another event
    placed = "A bus overturned near Denver on Monday."
    assert story_lead([placed, "The driver was from Boulder."]) == placed  # the first already says where
    # the second sentence tells another act about other words: the burial's place is not the crash's
    mourned = "Mourners gathered to farewell three children who died when their car crashed into a lake."
    assert story_lead([mourned, "Ana, Bo and Cy were laid to rest at St Olaf's Church in Tarsa."]) == mourned


@pytest.mark.parametrize(
    ("sentence", "other"),
    [
        ("One woman was sent to the trauma center at Tarsa General Hospital.", False),
        ("Two were flown to a clinic in Boulder.", False),
        ("Two were hurt in Boulder.", True),
    ],
)
def test_a_destination_is_not_another_place_of_the_event(sentence: str, other: bool) -> None:
    from service.places import names_other_place

    assert names_other_place(sentence, "Denver") is other


@pytest.mark.parametrize(
    ("toll", "date"),
    [
        ("Twelve people were killed in Tarsa, officials said.", "on Monday"),  # the lead's event
        ("Twelve people have been killed in Tarsa since the fighting began.", None),  # a running total
        ("Twelve people were killed in Boulder, officials said.", None),  # another place
        ("Twelve people were killed in a separate attack in Tarsa.", None),  # another event
        ("Twelve people were killed at the bus stop, officials said.", "on Monday"),  # written in the lead
    ],
)
def test_a_toll_at_the_leads_place_takes_the_leads_date(toll: str, date: str | None) -> None:
    lead = "A bomb exploded at a bus stop in Tarsa on Monday, officials said."
    article = f"Bus stop bombing\n\n{lead}\n\n{toll}"
    place = next(p for p in ("Boulder", "the bus stop", "Tarsa") if p in toll)
    reading, evidence = _reading(article, toll, 12, place)
    report = ground([reading], evidence, article, None, lead, article.index(toll))
    (event,) = report.events
    assert event.date_text == date


@pytest.mark.parametrize(
    ("sentence", "place", "number", "kept"),
    [
        (
            "Three people were killed when a van left a highway in northern Tarsa on Monday.",
            "northern Tarsa",
            "Three",
            True,
        ),
        (
            "At least 54 people have died after a fishing boat sank off the Varna coast.",
            "the Varna coast",
            "54",
            True,
        ),
        ("Air strikes hit Tarsa after 25 were killed in bombings in Varna.", "Tarsa", "25", False),
        ("Wildfires in Tarsa have raged since March 19, with the toll climbing to 30.", "Tarsa", "30", True),
        ("Five workers were killed in Tarsa before the strike began in Varna.", "Varna", "Five", False),
    ],
)
def test_the_clause_that_says_how_they_died_gives_the_place(
    sentence: str, place: str, number: str, kept: bool
) -> None:
    from service.places import place_as_written

    assert (place_as_written(place, sentence, sentence.index(number)) is not None) is kept


def test_the_place_an_event_struck_is_the_story_place() -> None:
    from service.places import story_place

    assert story_place("Thousands lost power after a storm battered Sydney and nearby towns.") == "Sydney"
    assert story_place("Flooding hit Lagos and Ibadan on Sunday.") is None  # two places: none


def test_the_story_place_inside_a_longer_name_is_still_inherited() -> None:
    from service.places import inherited_place

    lead = "A bus crashed in Denver on Monday."
    assert inherited_place("Two were injured, according to Denver State Police.", lead, None, 0) == "Denver"
    assert inherited_place("Two were flown to Denver for treatment.", lead, None, 0) is None  # a destination


def test_an_adverb_of_time_does_not_end_the_clause() -> None:
    from service.places import place_as_written

    s = "The town mourned on Thursday after five students were killed the day before in a wreck near Varna."
    assert place_as_written("Varna", s, s.index("five")) == "near Varna"


def test_last_weeks_blast_names_the_leads_event() -> None:
    from service.places import same_event_place

    lead = "Residents returned home after last Thursday's gas explosion in Denver."
    assert same_event_place("Two people died in last week's explosion.", lead, None) == "Denver"


def test_a_place_inside_a_word_is_not_written() -> None:
    from service.places import place_as_written

    s = "At least 12 people were killed in shelling of west Tarsa, the Syrian monitor said."
    assert place_as_written("Syria", s, s.index("12")) is None
    assert place_as_written("Tarsa", s, s.index("12")) == "Tarsa"


@pytest.mark.parametrize(
    ("sentence", "killed", "kept"),
    [
        ("About 300 people die each year from falls on ice, the agency says.", 300, None),
        ("Nearly 2,000 workers are killed annually in such accidents.", 2000, None),
        ("The disease kills 40 people a week in the region.", 40, None),
        # "a year ago" dates an event; it is no rate
        ("Twelve people were killed in the flood a year ago.", 12, 12),
        ("Five people died on Sunday when the roof collapsed.", 5, 5),
    ],
)
def test_a_rate_is_not_the_toll_of_an_event(sentence: str, killed: int, kept: int | None) -> None:
    warnings: list[str] = []
    assert check_numbers(fig(killed=killed), sentence, warnings) == (kept, None)
    assert (kept is None) == any("a rate" in w for w in warnings)


@pytest.mark.parametrize(
    ("sentence", "group"),
    [
        ("Three men and a woman were taken to hospital after the party.", "men"),
        ("Five tourists were hurt when the bus overturned.", "tourists"),
        ("Police said 12 were injured.", None),
        ("At least 40 deaths were reported.", None),
    ],
)
def test_with_no_group_from_the_model_the_group_is_the_noun_the_number_counts(
    sentence: str, group: str | None
) -> None:
    assert group_as_written(None, sentence, find_numbers(sentence)[0]) == group


def test_a_group_the_model_rewrote_falls_back_to_the_noun_written() -> None:
    s = "Three men and a woman were taken to hospital after the party."
    assert group_as_written("people", s, find_numbers(s)[0]) == "men"


@pytest.mark.parametrize(
    ("sentence", "group"),
    [
        ("Seven of the eight victims were teenagers, the sheriff said.", "teenagers"),
        ("Two of the 12 dead were police officers.", "police officers"),
        ("Three of the five climbers were killed.", None),
    ],
)
def test_a_part_that_says_who_they_were_is_counted_as_them(sentence: str, group: str | None) -> None:
    part = find_numbers(sentence)[0]
    assert group_as_written("victims", sentence, part) == group
    assert group_as_written(None, sentence, part) == group


def _one_sentence_facts(sentence: str, figure: FigureDraft, when: str | None = None) -> SentenceFacts:
    return SentenceFacts(figures=[figure], event_type="accident", place=None, when=when, by=None, target=None)


def _ground_sentence(
    sentence: str,
    figures: list[FigureDraft],
    place: str | None,
    when: str | None = None,
    event_type: str = "flood",
) -> GroundingReport:
    """`ground` over an article of one sentence that the model read as `figures` at `place`."""
    span = Span(0, len(sentence), sentence)
    facts = SentenceFacts(
        figures=figures, event_type=event_type, place=place, when=when, by=None, target=None
    )
    reading = Reading(Candidate(span, ""), facts)
    return ground([reading], {0: Evidence(quote=sentence, start=0, end=len(sentence))}, sentence, None)


def test_bodies_found_do_not_date_the_deaths() -> None:
    article = "Divers had recovered 120 bodies when the search was called off in March."
    report = _ground_sentence(article, [fig(killed=120)], None, when="in March", event_type="accident")
    assert [e.date_text for e in report.events] == [None]
    assert any("bodies were found" in w for w in report.warnings)


def test_a_bare_toll_whose_number_counts_the_rescued_elsewhere_is_no_death_toll() -> None:
    rescued = "Coastguards rescued 40 fishermen from a drifting trawler on Monday."
    toll = "The toll of 40 did not include two crew who swam ashore."
    article = f"{rescued} {toll}"
    start = article.index(toll)
    span = Span(start, start + len(toll), toll)
    spans = [Span(0, len(rescued), rescued), span]
    reading = Reading(Candidate(span, ""), _one_sentence_facts(toll, fig(killed=40)))
    evidence = {start: Evidence(quote=toll, start=start, end=span.end)}
    report = ground([reading], evidence, article, None, sentences=spans)
    assert report.events == []
    assert any("bare toll" in w for w in report.warnings)
    # the same toll with nothing else counted as 40 stays
    alone = ground([reading], evidence, article, None, sentences=[span])
    assert [c.killed for e in alone.events for c in e.casualties] == [40]


def test_a_death_toll_is_kept_when_the_same_number_counts_something_else() -> None:
    warnings: list[str] = []
    elsewhere = ["Police arrested 12 men on Sunday."]
    assert check_numbers(fig(killed=12), "The death toll rose to 12.", warnings, elsewhere) == (12, None)


def test_a_figure_in_another_clause_does_not_take_the_sentences_place() -> None:
    sentence = (
        "Floods have killed at least 40 people in Varnia so far, and in Oskland, where 12 people "
        "also died, rescue teams are stretched."
    )
    report = _ground_sentence(sentence, [fig(killed=40), fig(killed=12)], "Varnia")
    placed = {c.killed: e.location for e in report.events for c in e.casualties}
    # the "where" clause says where the 12 died
    assert placed == {40: "Varnia", 12: "Oskland"}
    assert any("another clause" in w for w in report.warnings)


def test_figures_sharing_a_clause_share_its_place() -> None:
    sentence = "Five people were killed and 30 injured in Varnia on Monday."
    report = _ground_sentence(sentence, [fig(killed=5), fig(injured=30)], "Varnia")
    assert [(e.location, [(c.killed, c.injured) for c in e.casualties]) for e in report.events] == [
        ("Varnia", [(5, None), (None, 30)])
    ]


@pytest.mark.parametrize(
    ("lead", "time"),
    [
        ("A bus crashed into a river near Tarsa on Monday, killing 12.", "on Monday"),
        ("A fire broke out at a factory in Tarsa on Monday.", "on Monday"),
        ("At least 12 people died when a bridge collapsed in Tarsa on Monday.", "on Monday"),
        ("Tuesday's storm left 3,000 homes without power.", "Tuesday"),
        # the lead's time dates something else: a ceremony, an announcement
        (
            "Victims of the 2009 shooting at an army base are set to receive medals today, officials said.",
            None,
        ),
        ("The company announced on Friday that it will close three plants after a fire.", None),
    ],
)
def test_the_leads_time_is_inherited_only_when_it_dates_the_leads_event(lead: str, time: str | None) -> None:
    from service.ground import GroundingReport, _lead_time

    assert _lead_time(lead, GroundingReport()) == time


def test_a_figure_in_a_clause_of_its_own_gets_no_place() -> None:
    sentence = "Floods killed 40 people in Varnia, and 12 more died as the river rose."
    report = _ground_sentence(sentence, [fig(killed=40), fig(killed=12)], "Varnia")
    placed = {c.killed: e.location for e in report.events for c in e.casualties}
    assert placed == {40: "Varnia", 12: "unspecified"}


def test_a_lead_without_a_day_takes_the_day_the_next_sentences_give_its_event() -> None:
    from service.ground import GroundingReport, _story_time

    crash = [
        "Four people died after a small plane crashed into woods near Tarsa.",
        "The tragedy happened as the pilot tried to land at 4.30pm on Sunday.",
    ]
    assert _story_time(crash[0], crash, GroundingReport()) == "at 4.30pm on Sunday"
    blast = [
        "A gas explosion at a depot in Tarsa injured 11 people.",
        "Workers were treated at the scene, the fire chief said.",
        "The cause of Friday's blast is under investigation.",
    ]
    assert _story_time(blast[0], blast, GroundingReport()) == "Friday"
    # a time of something else in the next sentences is not the event's
    other = [
        "A gas explosion at a depot in Tarsa injured 11 people.",
        "The company was fined on Tuesday over an earlier leak.",
    ]
    assert _story_time(other[0], other, GroundingReport()) is None


def test_a_figure_restated_is_reported_once_and_gives_its_date() -> None:
    first = "Four people died after a small plane crashed into woods near Tarsa."
    again = "Four people died in the crash on Sunday, police said."
    article = f"{first} {again}"
    spans = [Span(0, len(first), first), Span(len(first) + 1, len(article), again)]
    readings = []
    evidence = {}
    for span, place, when in ((spans[0], "near Tarsa", None), (spans[1], None, "on Sunday")):
        facts = SentenceFacts(
            figures=[fig(killed=4)], event_type="crash", place=place, when=when, by=None, target=None
        )
        readings.append(Reading(Candidate(span, ""), facts))
        evidence[span.start] = Evidence(quote=span.text, start=span.start, end=span.end)
    report = ground(readings, evidence, article, None, sentences=spans)
    assert [(e.location, e.date_text, [c.killed for c in e.casualties]) for e in report.events] == [
        ("near Tarsa", "on Sunday", [4])
    ]
    assert any("restated" in w for w in report.warnings)


@pytest.mark.parametrize(
    ("first", "again", "same"),
    [
        ((2, None, "children"), (2, None, None), True),
        ((7, None, "people"), (7, None, "occupants"), True),
        ((2, None, "soldiers"), (2, None, "civilians"), False),
        ((2, None, None), (3, None, None), False),
    ],
)
def test_a_restated_figure_is_the_same_numbers_for_the_same_people(
    first: tuple, again: tuple, same: bool
) -> None:
    from service.ground import _same_figure
    from service.schema import Casualty

    quote = Evidence(quote="x", start=0, end=1)

    def casualty(killed: int, injured: int | None, group: str | None) -> Casualty:
        return Casualty(
            killed=killed, injured=injured, group=group, qualifier=None, claimed_by=None, evidence=quote
        )

    assert _same_figure(casualty(*first), casualty(*again)) is same


def test_a_duration_from_another_event_does_not_date_the_record() -> None:
    sentence = "Two anglers drowned off Port Elm two hours before the lifeboat arrived."
    report = _ground_sentence(sentence, [fig(killed=2)], "Port Elm", when="two hours before")
    assert [e.date_text for e in report.events] == [None]


@pytest.mark.parametrize(
    ("sentence", "when"),
    [
        (
            "The landslide buried 60 villagers in Kessa; 54 bodies were pulled out before rescuers "
            "stopped digging on Friday.",
            "on Friday",
        ),
        (
            "At least 40 miners died in the flooded pit, and 31 bodies had been brought up by Sunday.",
            "by Sunday",
        ),
    ],
)
def test_bodies_found_do_not_date_the_deaths_whichever_figure_they_are(sentence: str, when: str) -> None:
    first = 60 if "60" in sentence else 40
    second = 54 if "54" in sentence else 31
    report = _ground_sentence(
        sentence, [fig(killed=first), fig(killed=second)], "Kessa", when=when, event_type="accident"
    )
    dated = {c.killed: e.date_text for e in report.events for c in e.casualties}
    # the bodies' figure is never dated by their finding
    assert dated[second] is None
    assert any("bodies were found" in w for w in report.warnings)


def test_a_death_dated_in_its_own_clause_keeps_its_date_beside_a_bodies_count() -> None:
    sentence = "Nine hikers died in the avalanche on Tuesday, and rescuers have recovered seven bodies."
    report = _ground_sentence(sentence, [fig(killed=9), fig(killed=7)], None, when="on Tuesday")
    dated = {c.killed: e.date_text for e in report.events for c in e.casualties}
    assert dated == {9: "on Tuesday", 7: None}


@pytest.mark.parametrize(
    "figures",
    [[fig(killed=2, injured=5)], [fig(injured=5), fig(killed=2)], [fig(killed=2), fig(injured=5)]],
)
def test_the_dead_among_the_hurt_are_one_record_of_the_dead_and_the_surviving_hurt(
    figures: list[FigureDraft],
) -> None:
    from service.figures import figure_sentence

    sentence = "Five climbers were hurt in a rockfall above Vell on Sunday, and two of them later died."
    report = _ground_sentence(sentence, figures, "Vell", when="on Sunday", event_type="accident")
    # five people, not seven: two dead and three hurt who lived
    assert [(c.killed, c.injured) for e in report.events for c in e.casualties] == [(2, 3)]
    (event,) = report.events
    assert figure_sentence(event.casualties[0], event) == "Five climbers were injured, and two of them died."


@pytest.mark.parametrize(
    "sentence",
    [
        "Two climbers died and five others were hurt in a rockfall above Vell on Sunday.",
        "Five climbers were hurt in a rockfall above Vell on Sunday; two guides died in a second fall.",
    ],
)
def test_the_dead_and_the_hurt_written_apart_stay_as_written(sentence: str) -> None:
    report = _ground_sentence(sentence, [fig(killed=2, injured=5)], "Vell", when="on Sunday")
    assert [(c.killed, c.injured) for e in report.events for c in e.casualties] == [(2, 5)]


def test_the_hurt_taken_to_hospital_where_some_died_are_counted_once() -> None:
    sentence = "Six miners were brought up from the shaft and driven to hospital, where two later died."
    report = _ground_sentence(sentence, [fig(killed=2, injured=6)], None, event_type="accident")
    assert [(c.killed, c.injured) for e in report.events for c in e.casualties] == [(2, 4)]


def test_bodies_beside_the_deaths_keep_the_date_the_lead_gives_the_deaths() -> None:
    lead = "A ferry sank off Port Elm on Monday."
    sentence = "Twelve passengers drowned, and divers have recovered nine bodies."
    article = f"{lead} {sentence}"
    start = article.index(sentence)
    span = Span(start, start + len(sentence), sentence)
    facts = SentenceFacts(
        figures=[fig(killed=12, group=None), fig(killed=9, group=None)],
        event_type="accident",
        place=None,
        when=None,
        by=None,
        target=None,
    )
    evidence = {start: Evidence(quote=sentence, start=start, end=span.end)}
    report = ground(
        [Reading(Candidate(span, ""), facts)],
        evidence,
        article,
        None,
        lead=lead,
        lead_ends=len(lead),
        sentences=[Span(0, len(lead), lead), span],
    )
    # the lead dates the sinking, when the twelve died: the bodies found are theirs
    assert [(e.date_text, [c.killed for c in e.casualties]) for e in report.events] == [
        ("on Monday", [12, 9])
    ]


@pytest.mark.parametrize(
    ("sentence", "drafts", "figures"),
    [
        # everyone hit, then the dead and hurt apart: the total is no death toll
        ("A gunman shot five people at the depot, killing one and wounding four.", [fig(killed=5, injured=4)],
         [(None, 4)]),
        ("The attacker stabbed six shoppers, injuring two of them seriously.", [fig(killed=6, injured=2)],
         [(None, 2)]),
        # no breakdown: "shot dead" and a count of victims stay as the model read them
        ("Police said three men were shot dead outside the bar.", [fig(killed=3)], [(3, None)]),
    ],
)  # fmt: skip
def test_a_count_of_everyone_hit_is_not_the_dead_when_the_sentence_counts_them_apart(
    sentence: str, drafts: list[FigureDraft], figures: list[tuple[int | None, int | None]]
) -> None:
    report = _ground_sentence(sentence, drafts, None, event_type="shooting")
    assert [(c.killed, c.injured) for e in report.events for c in e.casualties] == figures


@pytest.mark.parametrize(
    ("sentence", "value", "qualifier"),
    [
        ("The sniper is said to have killed no fewer than 120 soldiers.", 120, "no fewer than"),
        ("Not less than 40 people were hurt in the crush.", 40, "not less than"),
        ("No more than 12 passengers were injured.", 12, "no more than"),
        ("Fewer than 20 people died in the fire.", 20, "fewer than"),
    ],
)
def test_a_denied_comparative_is_kept_whole(sentence: str, value: int, qualifier: str) -> None:
    assert qualifier_of(sentence, value) == qualifier


@pytest.mark.parametrize(
    ("lead", "time"),
    [
        # the time dates the gathering; the deaths are told in a relative clause
        ("Mourners gathered on Saturday to farewell three children who died when their car crashed.", None),
        # a lead of two sentences: the second one's time dates only its own events (the funeral)
        (
            "Mourners gathered to farewell three children who died when their car crashed into a lake. "
            "The children were laid to rest in Tarsa on Saturday.",
            None,
        ),
        ("Three children died on Saturday when their car crashed into a lake in Tarsa.", "on Saturday"),
        (
            "Twelve people who were travelling to Varna were killed on Monday when their bus crashed.",
            "on Monday",
        ),
    ],
)
def test_the_leads_time_dates_the_deaths_only_when_it_is_written_of_them(lead: str, time: str | None) -> None:
    from service.ground import _story_time
    from service.text import sentences

    assert _story_time(lead, [s.text for s in sentences(lead)], GroundingReport()) == time


@pytest.mark.parametrize(
    ("sentence", "figure", "kept"),
    [
        # the number counts only some of those hit, and says nothing of who they were
        ("A gas blast sent him and two other people to hospital.", fig(injured=2, group=None), []),
        ("The fire injured Ana Ek and three others.", fig(injured=3, group="others"), []),
        # a group that says who they were is a true count of them
        ("The blast killed the driver and two passengers.", fig(killed=2, group="passengers"), [(2, None)]),
        ("The attack killed 12 soldiers and 3 civilians.", fig(killed=3, group="civilians"), [(3, None)]),
        ("Three people were killed and 12 others injured.", fig(killed=3, injured=12), [(3, 12)]),
    ],
)
def test_a_number_beside_someone_it_does_not_count_is_no_toll(
    sentence: str, figure: FigureDraft, kept: list[tuple[int | None, int | None]]
) -> None:
    report = _ground_sentence(sentence, [figure], None)
    assert [(c.killed, c.injured) for e in report.events for c in e.casualties] == kept
