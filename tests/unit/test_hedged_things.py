"""A thing the article only hedges ("a suspected leak") may not be named as fact in the summary."""

import re

import pytest

from service.document import Document
from service.hedged_things import hedged_things
from service.syntax import parser
from service.verify import code_problems


def check(claim: str, article: str) -> list[str]:
    parse = parser().parse
    return [
        str(h) for h in hedged_things(parse(claim), [parse(s) for s in re.split(r"(?<=[.!?])\s+", article)])
    ]


@pytest.mark.parametrize(
    ("claim", "article", "thing"),
    [
        # a hedging modifier on every mention
        (
            "A gas leak caused the explosion at the bakery.",
            "Firefighters said a suspected gas leak caused the explosion at the bakery. Nobody was hurt.",
            "gas leak",
        ),
        (
            "The gunman fired at the crowd.",
            "The alleged gunman fired at the crowd, witnesses said.",
            "gunman",
        ),
        (
            "Officers are investigating the motive for the fire.",
            "Officers are looking into a possible motive for the fire. The shop had been empty for weeks.",
            "motive",
        ),
        (
            "He was charged with robbery after the raid on the kiosk.",
            "He was charged with attempted robbery after the raid on the kiosk.",
            "robbery",
        ),
        ("The heir signed the lease.", "The presumed heir signed the lease on Friday.", "heir"),
        # what something only appears, may or is believed to be
        (
            "A pipe bomb exploded outside the depot.",
            "The device that went off outside the depot was reportedly a pipe bomb. Two windows broke.",
            "pipe bomb",
        ),
        (
            "Guards found a tunnel under the yard.",
            "Guards found what appears to be a tunnel under the yard. It ran for 30 metres.",
            "tunnel",
        ),
        (
            "A faulty heater started the blaze.",
            "The cause of the blaze is believed to be a faulty heater, the fire service said.",
            "heater",
        ),
        ("A short circuit started the fire.", "Experts think a short circuit started the fire.", "circuit"),
        (
            "The hut was fitted with solar panels and a winch system.",
            "The hut was fitted with solar panels and what seems to be a winch system.",
            "winch system",
        ),
    ],
)
def test_a_hedged_thing_named_as_fact_is_found(claim: str, article: str, thing: str) -> None:
    found = check(claim, article)
    assert len(found) == 1 and repr(thing) in found[0]


@pytest.mark.parametrize(
    ("claim", "article"),
    [
        # one plain mention anywhere in the article
        (
            "A gas leak caused the explosion.",
            "Investigators believe a gas leak caused the explosion. The leak was traced to a valve.",
        ),
        # the summary keeps the hedge, in its words or in its clause
        ("A suspected gas leak caused the blast.", "A suspected gas leak caused the blast, police said."),
        (
            "Police believe a gas leak caused the blast.",
            "A suspected gas leak caused the blast, police said.",
        ),
        ("A gas leak may have caused the blast.", "An apparent gas leak caused the blast."),
        # "suspect" as a noun is a person, not a hedge
        ("The suspect fled on foot.", "The suspected gunman fled on foot, police said."),
        ("The suspect was arrested at home.", "The suspect was arrested at his home on Sunday."),
        # a modal or a condition on another word leaves the noun alone
        ("The fire may have destroyed the chapel.", "The fire destroyed the chapel and a barn nearby."),
        (
            "Staff checked the locks after the break-in.",
            "Staff checked whether the locks were broken after the break-in.",
        ),
        # a definite thing the clause is about exists whatever the clause doubts
        (
            "Some viewers criticised the show's portrayal of nurses.",
            "Some viewers believed the show's portrayal of nurses was unfair.",
        ),
        ("The company's claim was rejected.", "The company's claim seems to be weak, lawyers said."),
        # a verb of appearing, not of seeming
        ("Red flags were seen on the bridge.", "Red flags appeared on the bridge overnight."),
        # two kinds are two things: a hedged water leak does not hedge a gas leak
        (
            "A gas leak caused the blast.",
            "A gas leak caused the blast. A suspected water leak flooded the cellar.",
        ),
    ],
)
def test_a_thing_the_article_states_or_the_summary_hedges_is_kept(claim: str, article: str) -> None:
    assert check(claim, article) == []


def test_code_problems_drops_a_hedged_thing_named_as_fact() -> None:
    doc = Document.from_text("Divers found what appears to be a shipwreck off the cape. The search goes on.")
    problems = code_problems("Divers found a shipwreck off the cape.", doc, []).problems
    assert any("'shipwreck' as fact" in p for p in problems)
    plain = Document.from_text("Divers found a shipwreck off the cape. The search goes on.")
    assert not any(
        "as fact" in p for p in code_problems("Divers found a shipwreck off the cape.", plain, []).problems
    )


ALLEGED = (
    "The alleged victims of the former coach say they were abused as boys. "
    'A lawyer said: "The victims of Mr Ek deserve justice." '
    "The alleged victims could sue the club for damages."
)


def test_a_quoted_plain_mention_does_not_unhedge_the_article_and_a_modal_does_not_hedge_a_subject() -> None:
    # the lawyer's "victims" is his word; the article's own voice says "alleged victims"
    assert check("The victims could sue the club for damages.", ALLEGED) == [
        "names 'victims' as fact; the article only calls it suspected, alleged, possible or apparent "
        "('The alleged victims of the former coach say they were abused as boys.')"
    ]
    assert check("The alleged victims could sue the club for damages.", ALLEGED) == []


OTHERS = (
    "Lord Ek's alleged victims have asked for a public inquiry. "
    "Lord Smith's victims were paid damages years ago. "
    "Campaigners spoke of the rights of victims in court. "
    "Victims abused by Lord Smith also sued."
)


def test_another_named_persons_things_or_things_in_general_do_not_unhedge() -> None:
    # the plain mentions are Smith's victims and victims in general, not Ek's
    assert check("Lord Ek's victims have asked for a public inquiry.", OTHERS) != []
    assert check("The victims have asked for a public inquiry.", OTHERS) != []
    # a claim that names Smith is about Smith's victims, which the article states plainly
    assert check("Lord Smith's victims were paid damages.", OTHERS) == []
    # a claim that means victims in general is kept
    assert check("Campaigners spoke of the rights of victims.", OTHERS) == []
