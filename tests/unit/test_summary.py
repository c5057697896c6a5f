"""Summary checks and figure sentences: code states the verified figures with their sources."""

import pytest

from service.document import Document
from service.errors import GenerationError
from service.figures import figure_sentence, figure_sentences
from service.llm import FakeLLM
from service.prompts import load_prompts
from service.schema import Casualty, Event, Evidence
from service.summary import SummaryResult, problems, repair, summarize, tidy
from service.verify import code_problems

ARTICLE = "At least 38 people were killed in Tarsa on Tuesday, the fire service said. Rebels fired rockets."
LEXICON = load_prompts().lexicon


def event(**kw) -> Event:
    c = Casualty(
        killed=38,
        injured=None,
        group="people",
        qualifier="at least",
        claimed_by=None,
        evidence=Evidence(quote="38 were killed when rebels shelled Tarsa on Tuesday", start=0, end=52),
    )
    base = dict(
        event_type="shelling",
        date_text="Tuesday",
        date=None,
        location="Tarsa",
        perpetrator=None,
        target=None,
        casualties=[c],
    )
    return Event(**{**base, **kw})


def doc(text: str) -> Document:
    return Document.from_text(text)


def test_figure_sentence_states_number_place_time_and_source() -> None:
    e = event()
    assert (
        figure_sentence(e.casualties[0], e)
        == "At least 38 people were killed in shelling in Tarsa on Tuesday."
    )
    c = e.casualties[0].model_copy(update={"claimed_by": "the fire service", "injured": 150})
    assert figure_sentence(c, e).endswith(
        "were killed and 150 injured in shelling in Tarsa on Tuesday, according to the fire service."
    )


def test_figure_sentence_says_no_place_or_date_its_quote_does_not_write() -> None:
    quote = "Later, 12 more bodies were found, the coroner said."
    c = (
        event()
        .casualties[0]
        .model_copy(
            update={
                "killed": 12,
                "qualifier": None,
                "evidence": Evidence(quote=quote, start=0, end=len(quote)),
            }
        )
    )
    e = event(location="near the dam", date_text="on Friday", casualties=[c])
    assert figure_sentence(c, e) == "12 bodies were found."  # the quote counts bodies, not deaths


def test_problems_find_unstated_numbers_loaded_terms_length_and_repeats() -> None:
    assert problems("Rebels fired rockets at Tarsa.", doc(ARTICLE), LEXICON, 90) == []
    found = problems("The regime said 40 died. The regime said 40 died.", doc(ARTICLE), LEXICON, 5)
    assert any("'40'" in p for p in found)
    assert any("regime" in p for p in found)
    assert any("words" in p for p in found)
    assert any("repeated" in p for p in found)
    # A loaded term inside an attributed quote is the speaker's, not the service's.
    assert problems('Russia said it fights "terrorists" in Tarsa.', doc(ARTICLE), LEXICON, 90) == []


def test_repair_neutralizes_and_drops_unsupported_sentences() -> None:
    fixed = repair("The regime shelled Tarsa. Then 99 died.", doc(ARTICLE), LEXICON, 90)
    assert fixed == "The government shelled Tarsa."


def test_model_failure_keeps_the_verified_figures() -> None:
    fake = FakeLLM()

    def fail(messages):
        raise GenerationError("no valid answer")

    fake.enqueue(fail, {"sentence": 1, "answer": "same"})  # the figure sentence is still verified
    result = summarize(fake, load_prompts(), doc(ARTICLE), [event()])
    assert result.text == "At least 38 people were killed in shelling in Tarsa on Tuesday."
    assert result.warnings and "no valid summary" in result.warnings[0]


def test_a_sentence_code_proves_false_is_dropped_without_asking_the_model() -> None:
    fake = FakeLLM()
    fake.enqueue({"sentences": ["Rebels fired rockets.", "At least 38 people were injured in Tarsa."]})
    fake.enqueue({"sentence": 1, "answer": "same"})
    result = summarize(fake, load_prompts(), doc(ARTICLE), [], verify=True)
    assert result.text == "Rebels fired rockets."
    (dropped,) = [s for s in result.sentences if s.verdict == "dropped"]
    assert "38" in dropped.text and dropped.reasons
    assert fake.usage.calls == 2


def test_a_misquotation_is_dropped() -> None:
    article = "The mayor called the rescuer “a brave, kind stranger”. Rebels fired rockets."
    fake = FakeLLM()
    fake.enqueue({"sentences": ["The mayor praised “a brave, kind smile”.", "Rebels fired rockets."]})
    fake.enqueue({"sentence": 2, "answer": "same"})
    result = summarize(fake, load_prompts(), doc(article), [], verify=True)
    assert result.text == "Rebels fired rockets."
    assert any("quotation" in r for s in result.sentences for r in s.reasons)


def test_garbled_text_is_a_problem_and_is_dropped() -> None:
    garbled = "Rebels fired rockets. People of.good-conscienceAround-the-worldshouldspeak-up."
    assert any("garbled" in p for p in problems(garbled, doc(ARTICLE), LEXICON, 90))
    assert repair(garbled, doc(ARTICLE), LEXICON, 90) == "Rebels fired rockets."
    assert problems("McDonald said rebels fired rockets in Tarsa.", doc(ARTICLE), LEXICON, 90) == []


def test_repair_keeps_abbreviations_inside_sentences() -> None:
    text = "Rebels fired rockets at the U.S. Consulate in Tarsa. All U.S. staff are safe, officials said."
    assert (
        repair(text, doc(ARTICLE + " " + text), LEXICON, 12)
        == "Rebels fired rockets at the U.S. Consulate in Tarsa."
    )


def test_form_repairs_change_no_meaning() -> None:
    assert tidy("The U. S. embassy in the U. K. said so ,.") == "The U.S. embassy in the U.K. said so."


def test_a_copied_article_sentence_is_a_problem() -> None:
    article = "The council approved a new budget for the harbour district on Monday after a long debate."
    found = problems(
        "The council approved a new budget for the harbour district on Monday.", doc(article), LEXICON, 90
    )
    assert any("own words" in p for p in found)
    assert problems("Councillors passed the harbour district budget.", doc(article), LEXICON, 90) == []


@pytest.mark.parametrize(
    "sentence",
    ["The mayor said the plan was in place,.", "The strike ended in a move that.", "Talks resumed in..."],
)
def test_sentences_ending_in_a_fragment_are_dropped(sentence: str) -> None:
    article = (
        "The mayor said the plan was in place. The strike ended in a move that surprised many. "
        "Talks resumed in May."
    )
    check = code_problems(sentence, Document.from_text(article), [])
    assert any("fragment" in p for p in check.problems)


def _figure_event(killed: int, quote: str, location: str, date_text: str | None) -> Event:
    c = Casualty(
        killed=killed,
        injured=None,
        group="people",
        qualifier=None,
        claimed_by=None,
        evidence=Evidence(quote=quote, start=0, end=len(quote)),
    )
    return event(location=location, date_text=date_text, event_type="other", casualties=[c])


def test_the_same_toll_twice_or_a_background_toll_is_not_stated_again() -> None:
    main = _figure_event(35, "35 people were killed in Varna on Friday", "Varna", "on Friday")
    again = _figure_event(35, "In Varna, 35 people died on Friday", "the region", "on Friday")
    earlier = _figure_event(12, "12 people were killed in a similar attack in March", "Tarsa", "in March")
    war = _figure_event(9000, "The war has killed 9000 people since 2011", "the country", "on Friday")
    said = [f.text for f in figure_sentences([main, again, earlier, war])]
    assert said == ["35 people were killed in Varna on Friday."]


def test_words_run_together_are_garbled_unless_the_article_writes_them() -> None:
    article = doc("Officials closed the plant in Broken Arrow. The firm uses the brand GoodFoods.")
    assert any(
        "garbled" in p for p in problems("Officials closed theBrokenArrow,OK,plant.", article, LEXICON, 90)
    )
    assert not any("garbled" in p for p in problems("The firm sells GoodFoods.", article, LEXICON, 90))


def test_two_article_words_run_together_are_garbled() -> None:
    article = doc("The meeting was held in the compound of the province governor. The plant was stable.")
    bad = "The meeting was held in the compound of theprovince's governor."
    assert any("garbled" in p for p in problems(bad, article, LEXICON, 90))
    good = "The meeting was held in the governor's compound."
    assert not any("garbled" in p for p in problems(good, article, LEXICON, 90))


def test_a_sentence_with_a_total_and_its_parts_is_summed_up_by_the_total() -> None:
    quote = "Fourteen people were hurt, 13 of them slightly, the fire service said."
    parts = [
        Casualty(killed=None, injured=n, group="people", qualifier=None, claimed_by=None,
                 evidence=Evidence(quote=quote, start=0, end=len(quote)))
        for n in (13, 14)
    ]  # fmt: skip
    e = event(location="unspecified", date_text=None, event_type="other", casualties=parts)
    ((sentence, _),) = figure_sentences([e])
    assert sentence.startswith("14 people were injured")


def test_a_background_toll_alone_is_not_the_summarys_news() -> None:
    earlier = _figure_event(
        3, "Three people died in a crash at the same airport two years ago", "the airport", None
    )
    assert figure_sentences([earlier]) == []


def test_one_killed_and_others_injured_reads_in_the_singular() -> None:
    quote = "A gunman killed one person and wounded five others."
    c = Casualty(killed=1, injured=5, group="people", qualifier=None, claimed_by=None,
                 evidence=Evidence(quote=quote, start=0, end=len(quote)))  # fmt: skip
    e = event(location="unspecified", date_text=None, event_type="shooting", casualties=[c])
    assert figure_sentence(c, e) == "One person was killed and five injured in a shooting."


def test_an_agency_credit_from_a_dateline_is_removed() -> None:
    assert tidy("Talks began in Geneva (Reuters) -- on Monday.") == "Talks began in Geneva on Monday."


def test_a_domain_name_is_not_garbled() -> None:
    article = doc("Amazon.com said its sales rose. The firm hired 400 workers.")
    assert not any("garbled" in p for p in problems("Amazon.com said its sales rose.", article, LEXICON, 90))


def test_a_minor_toll_later_in_the_article_does_not_lead_the_summary() -> None:
    text = (
        "Port strike ends\n\n"
        "Dock workers in Tarsa ended a two-week strike on Monday after the port agreed to raise pay.\n\n"
        "The union said talks would resume in May.\n\n"
        "Shipping lines said cargo would move again by Wednesday.\n\n"
        "During the strike, one worker was injured in a scuffle with security guards, police said."
    )
    d = Document.from_text(text, "Port strike ends")
    quote = "During the strike, one worker was injured in a scuffle with security guards, police said."
    start = text.index(quote)
    c = Casualty(killed=None, injured=1, group="worker", qualifier=None, claimed_by="police",
                 evidence=Evidence(quote=quote, start=start, end=start + len(quote)))  # fmt: skip
    e = event(location="unspecified", date_text=None, event_type="other", casualties=[c])
    fake = FakeLLM()
    fake.enqueue({"sentences": ["Dock workers in Tarsa ended their strike on Monday after a pay deal."]})
    fake.enqueue({"sentence": 1, "answer": "same"}, {"sentence": 1, "answer": "same"})
    result = summarize(fake, load_prompts(), d, [e], {quote}, verify=True)
    assert result.text.startswith("Dock workers in Tarsa ended their strike")
    assert result.text.endswith("One worker was injured, according to police.")


def test_figure_sentences_are_stated_by_code_and_only_model_sentences_are_asked() -> None:
    """The verifier accepted every figure sentence on dev and test, false ones too: code decides."""
    same = {"sentence": 1, "answer": "same"}
    fake = FakeLLM()
    fake.enqueue({"sentences": ["Rebels fired rockets."]}, same)
    result = summarize(fake, load_prompts(), doc(ARTICLE), [event()], verify=True)
    assert (
        result.text == "At least 38 people were killed in shelling in Tarsa on Tuesday. Rebels fired rockets."
    )
    assert [s.origin for s in result.sentences] == ["figure", "model"]
    assert fake.usage.calls == 2  # the draft and one question, none for the figure


@pytest.mark.parametrize(
    ("quote", "killed", "injured", "said"),
    [
        (
            "Two hikers were flown to hospital in critical condition, and one of them died on Sunday.",
            1,
            1,  # the record counts the dead and the surviving hurt (see ground._dead_among_hurt)
            "Two people were injured, and one of them died.",
        ),
        (
            "Four workers were hurt, two of whom later died.",
            2,
            2,
            "Four people were injured, and two of them died.",
        ),
        ("One man died and three others were hurt in the fall.", 1, 3, "One person died and three injured."),
    ],
)
def test_the_dead_among_the_injured_are_not_counted_twice(
    quote: str, killed: int, injured: int, said: str
) -> None:
    c = Casualty(killed=killed, injured=injured, group=None, qualifier=None, claimed_by=None,
                 evidence=Evidence(quote=quote, start=0, end=len(quote)))  # fmt: skip
    e = event(location="unspecified", date_text=None, event_type="other", casualties=[c])
    assert figure_sentence(c, e) == said


@pytest.mark.parametrize(
    ("quote", "injured", "said"),
    [
        (
            "Five patients were hospitalized with the infection, officials said.",
            5,
            "Five people were hospitalized.",
        ),
        ("Three walkers were taken to hospital with cuts and bruises.", 3, "Three people were hospitalized."),
        (
            "Three walkers were taken to hospital with minor injuries.",
            3,
            "Three people were slightly injured.",
        ),
        ("Three walkers were hurt.", 3, "Three people were injured."),
    ],
)
def test_a_hospital_figure_without_a_word_of_injury_says_hospitalized(
    quote: str, injured: int, said: str
) -> None:
    c = Casualty(killed=None, injured=injured, group=None, qualifier=None, claimed_by=None,
                 evidence=Evidence(quote=quote, start=0, end=len(quote)))  # fmt: skip
    e = event(location="unspecified", date_text=None, event_type="other", casualties=[c])
    assert figure_sentence(c, e) == said


def _nothing_verified(article: str) -> SummaryResult:
    """The summary of `article` when the verifier rejects both sentences the model wrote."""
    different = {"sentence": 1, "answer": "different"}
    fake = FakeLLM()
    fake.enqueue(
        {"sentences": ["Rebels fired rockets at the base.", "Talks failed on Monday night."]},
        different,
        different,
    )
    return summarize(fake, load_prompts(), doc(article), [], verify=True)


def test_when_nothing_is_verified_the_summary_is_the_articles_first_sentence() -> None:
    article = "Rebels and the army agreed a truce in Tarsa on Tuesday. Talks begin next week."
    result = _nothing_verified(article)
    assert result.text and result.text == doc(article).body[0].text
    assert any("used the first sentence" in w for w in result.warnings)


def test_the_fallback_sentence_is_said_in_neutral_terms() -> None:
    result = _nothing_verified("Terrorists attacked a police post in Tarsa on Tuesday. Talks begin soon.")
    assert "errorist" not in result.text and "attacked a police post in Tarsa on Tuesday" in result.text
    assert any("loaded term" in w for w in result.warnings)


def test_the_fallback_sentence_is_not_a_photo_caption() -> None:
    text = (
        "Flooded: Water reached the windows of homes on Mill Lane.\n\n"
        "Heavy rain flooded 40 homes in the village overnight, the council said."
    )
    fake = FakeLLM()
    no = {"sentence": 1, "answer": "different"}
    drafted = ["The village was evacuated.", "Roads were closed.", "Rain is due again."]
    fake.enqueue({"sentences": drafted}, no, no, no)
    result = summarize(fake, load_prompts(), doc(text), [], verify=True)
    assert result.text.startswith("Heavy rain flooded 40 homes")


def _figure(quote: str, **kw: object) -> Casualty:
    base: dict[str, object] = {
        "killed": None,
        "injured": None,
        "group": "people",
        "qualifier": None,
        "claimed_by": None,
        "evidence": Evidence(quote=quote, start=0, end=len(quote)),
    }
    return Casualty(**{**base, **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("quote", "location", "killed", "injured", "expected"),
    [
        # the place is in another clause: where others fled, not where these died
        (
            "Four people died, and 2,000 residents fled their homes on the north shore.",
            "the north shore",
            4,
            None,
            "Four people died.",
        ),
        # a place that names a kind of thing is no place of death
        ("Two people died in the Vallmar storm.", "Vallmar", 2, None, "Two people died."),
        # the place in the figure's own clause is said, also for a shared "were killed and injured"
        ("Two people died in Vallmar.", "Vallmar", 2, None, "Two people died in Vallmar."),
        (
            "Six people were killed and 20 injured in Vallmar.",
            "Vallmar",
            6,
            20,
            "Six people were killed and 20 injured in Vallmar.",
        ),
        (
            "A fire in Vallmar killed six people.",
            "Vallmar",
            6,
            None,
            "Six people were killed in a fire in Vallmar.",
        ),
    ],
)
def test_a_figure_sentence_says_only_its_own_clauses_place(
    quote: str, location: str, killed: int, injured: int | None, expected: str
) -> None:
    c = _figure(quote, killed=killed, injured=injured)
    e = event(location=location, date_text=None, event_type="fire", casualties=[c])
    assert figure_sentence(c, e) == expected


def test_a_death_after_the_event_gets_neither_its_place_nor_its_time() -> None:
    quote = "A cyclist was hit by a van in Dornbach on Monday and later died in hospital."
    c = _figure(quote, killed=1, group="cyclists")
    e = event(location="Dornbach", date_text="Monday", event_type="accident", casualties=[c])
    assert figure_sentence(c, e) == "One cyclist died."


def test_the_dead_among_the_hospitalized_are_not_counted_twice() -> None:
    quote = "Two children were taken to hospital in critical condition, where one later died."
    c = _figure(quote, killed=1, injured=1, group="children")
    e = event(location="unspecified", date_text=None, event_type="accident", casualties=[c])
    assert figure_sentence(c, e) == "Two children were injured, and one of them died."


def test_a_summary_that_opens_on_a_pronoun_loses_that_sentence() -> None:
    same = {"sentence": 1, "answer": "same"}
    fake = FakeLLM()
    drafted = ["They were moved to a shelter in Tarsa.", "Rebels attacked Tarsa with rockets on Tuesday."]
    fake.enqueue({"sentences": drafted}, same)
    text = "Rebels fired rockets at Tarsa on Tuesday. Families were taken to a shelter in Tarsa."
    result = summarize(fake, load_prompts(), doc(text), [], verify=True)
    assert result.text == "Rebels attacked Tarsa with rockets on Tuesday."
    assert any("opens on a pronoun" in w for w in result.warnings)


def test_a_part_of_a_toll_already_said_is_not_said_again() -> None:
    total = _figure("Nine people were hurt when the stand collapsed in Vallmar.", injured=9)
    part = _figure("Seven out of nine were hurt by falling boards, the fire service said.", injured=7)
    other = _figure("Four riders were hurt in a second fall in Vallmar.", injured=4)

    def told(*figures: Casualty) -> list[int | None]:
        events = [
            event(location="Vallmar", date_text=None, event_type="collapse", casualties=[f]) for f in figures
        ]
        return [f.casualty.injured for f in figure_sentences(events)]

    assert told(total, part) == [9]  # the seven are among the nine
    assert told(total, other) == [9, 4]  # four others are news


@pytest.mark.parametrize(
    "quote",
    [
        "A girl pulled from the canal in Dornbach on Sunday died at a local hospital.",
        "A driver was trapped in his car in Dornbach on Sunday and died two days later.",
        "A walker was hit by lightning in Dornbach on Sunday and was pronounced dead at St Anne's Hospital.",
        "A climber fell in Dornbach on Sunday and died from her injuries.",
        "A swimmer was pulled from the sea in Dornbach on Sunday and died after being flown to hospital.",
    ],
)
def test_a_later_death_however_worded_gets_neither_the_events_place_nor_time(quote: str) -> None:
    c = _figure(quote, killed=1)
    e = event(location="Dornbach", date_text="on Sunday", event_type="accident", casualties=[c])
    assert figure_sentence(c, e) == "One person died."


def test_a_death_at_the_scene_keeps_its_place() -> None:
    quote = "A cyclist died at the scene in Dornbach on Sunday."
    c = _figure(quote, killed=1, group="cyclists")
    e = event(location="Dornbach", date_text="on Sunday", event_type="accident", casualties=[c])
    assert figure_sentence(c, e) == "One cyclist died in Dornbach on Sunday."


@pytest.mark.parametrize(
    ("following", "said"),
    [
        ("He died later in hospital.", "One fisherman died."),
        ("The fisherman died of his injuries two days later.", "One fisherman died."),
        ("She was pronounced dead at Harbour General Hospital.", "One fisherman died."),
        # nothing says the death came later, or it is someone else's
        ("His boat was found on Monday.", "One fisherman died off Port Elm on Sunday."),
        ("A diver died of his injuries on Tuesday.", "One fisherman died off Port Elm on Sunday."),
    ],
)
def test_a_later_death_said_in_the_next_sentence_gets_neither_place_nor_time(
    following: str, said: str
) -> None:
    quote = "One fisherman died when his boat capsized off Port Elm on Sunday."
    article = f"{quote} {following} Coastguards searched the bay."
    c = _figure(quote, killed=1, group="fisherman")
    e = event(location="off Port Elm", date_text="on Sunday", event_type="accident", casualties=[c])
    assert [f.text for f in figure_sentences([e], article)] == [said]


@pytest.mark.parametrize(
    ("quote", "date_text", "said"),
    [
        ("Nine people were killed in March when a storm flattened the coast", "March", "in March"),
        ("Nine people were killed on 4 June 2021 when the dam broke", "4 June 2021", "on 4 June 2021"),
        ("Nine people were killed on June 4 when the dam broke", "June 4", "on June 4"),
        ("Nine people were killed last week when the dam broke", "last week", "last week"),
    ],
)
def test_a_month_or_a_year_takes_in_and_a_calendar_day_takes_on(
    quote: str, date_text: str, said: str
) -> None:
    e = _figure_event(9, quote, "unspecified", date_text)
    ((sentence, _),) = figure_sentences([e])
    assert sentence.rstrip(".").endswith(said)


def test_a_toll_of_an_earlier_event_named_by_its_month_or_year_is_not_the_summarys_news() -> None:
    earlier = _figure_event(
        12, "Gunmen killed 12 villagers in a June raid on a farm near Kessa", "Kessa", "June"
    )
    older = _figure_event(8, "The 2017 bombing of the same bridge killed eight people", "the bridge", None)
    news = _figure_event(
        40, "At least 40 people were killed at a market in Varna on Friday", "Varna", "on Friday"
    )
    earlier.casualties[0].evidence.start, older.casualties[0].evidence.start = 0, 50
    news.casualties[0].evidence.start = 100
    said = [f.text for f in figure_sentences([earlier, older, news])]
    assert said and said[0].startswith("40 people were killed in Varna")
    assert not any("12" in s or "eight" in s for s in said)


def _injured_event(injured: int, quote: str, location: str, start: int) -> Event:
    c = Casualty(
        killed=None,
        injured=injured,
        group="people",
        qualifier=None,
        claimed_by=None,
        evidence=Evidence(quote=quote, start=start, end=start + len(quote)),
    )
    return event(location=location, date_text="Sunday", event_type="other", casualties=[c])


def test_a_second_toll_of_the_same_kind_with_no_place_of_its_own_is_not_said() -> None:
    total = _injured_event(14, "Fourteen people were hurt when a roof fell in Varna on Sunday", "Varna", 0)
    part = _injured_event(12, "Twelve had minor injuries while one man was badly hurt on Sunday", "Varna", 90)
    elsewhere = _injured_event(6, "Six people were hurt in Kessa on Sunday when a wall fell", "Kessa", 200)
    said = [f.text for f in figure_sentences([total, part, elsewhere])]
    assert said == [
        "14 people were injured in Varna on Sunday.",
        "Six people were injured in Kessa on Sunday.",
    ]


def test_a_toll_counted_over_a_period_is_not_said_as_one_event() -> None:
    quote = "Monitors said 120 people have been killed by bombing in Tarsa since the offensive began"
    c = Casualty(
        killed=120, injured=None, group="people", qualifier=None, claimed_by=None,
        evidence=Evidence(quote=quote, start=0, end=len(quote)),
    )  # fmt: skip
    over_time = event(location="Tarsa", date_text=None, event_type="bombing", casualties=[c])
    assert "in a bombing" not in figure_sentence(c, over_time)
    once = "Monitors said 120 people were killed by a bombing in Tarsa"
    one = c.model_copy(update={"evidence": Evidence(quote=once, start=0, end=len(once))})
    assert "in a bombing" in figure_sentence(one, over_time.model_copy(update={"casualties": [one]}))


@pytest.mark.parametrize(
    "quote",
    [
        "Police said 30 people were killed in nine coordinated bombings across the city",
        "At least 30 people have been killed in bombings over the past two weeks",
        "A wave of bombing has killed 30 people in the capital",
        "30 people were killed by bombing in the last month",
    ],
)
def test_a_toll_over_many_events_is_not_said_as_one(quote: str) -> None:
    c = Casualty(
        killed=30, injured=None, group="people", qualifier=None, claimed_by=None,
        evidence=Evidence(quote=quote, start=0, end=len(quote)),
    )  # fmt: skip
    many = event(location="the city", date_text=None, event_type="bombing", casualties=[c])
    assert "in a bombing" not in figure_sentence(c, many)


def test_an_event_is_summed_up_by_its_largest_toll_not_by_the_first_one_told() -> None:
    def casualty(killed: int, quote: str, start: int) -> Casualty:
        return Casualty(
            killed=killed, injured=None, group="people", qualifier=None, claimed_by=None,
            evidence=Evidence(quote=quote, start=start, end=start + len(quote)),
        )  # fmt: skip

    gunmen = casualty(4, "Officials said four gunmen were killed when troops stormed the hall in Varna", 0)
    victims = casualty(40, "By then 40 people were dead in the hall in Varna", 120)
    e = event(location="Varna", date_text=None, event_type="shooting", casualties=[gunmen, victims])
    ((sentence, _),) = figure_sentences([e])
    assert sentence.startswith("40 people")
