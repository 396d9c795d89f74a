"""PHQ-9 and GAD-7: their standard items, answers, scoring and severity bands.

Pure Python, no Django: answers in, a score and a band out. The wording is the
published one (Kroenke, Spitzer & Williams), which is free to use; the bands are
the published cut-offs.
"""

from dataclasses import dataclass

ANSWERS = (
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
)
QUESTION = (
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
)


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    name: str


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    about: str
    items: tuple[str, ...]
    bands: tuple[Band, ...]

    @property
    def max_score(self) -> int:
        return 3 * len(self.items)

    def score(self, answers: list[int]) -> int:
        """The sum of the answers; ValueError if any is missing or off the scale."""
        if len(answers) != len(self.items):
            raise ValueError(f"{self.name} needs {len(self.items)} answers, not {len(answers)}.")
        if any(answer not in (0, 1, 2, 3) for answer in answers):
            raise ValueError("Each answer is 0, 1, 2 or 3.")
        return sum(answers)

    def band(self, score: int) -> str:
        for band in self.bands:
            if band.low <= score <= band.high:
                return band.name
        raise ValueError(f"{score} is outside the {self.name} range 0 to {self.max_score}.")


PHQ9 = Instrument(
    code="phq9",
    name="PHQ-9",
    about="Nine questions about low mood over the last two weeks.",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself, or that you are a failure or have let yourself "
        "or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed, or the opposite: "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead, or of hurting yourself in some way",
    ),
    bands=(
        Band(0, 4, "Minimal"),
        Band(5, 9, "Mild"),
        Band(10, 14, "Moderate"),
        Band(15, 19, "Moderately severe"),
        Band(20, 27, "Severe"),
    ),
)

GAD7 = Instrument(
    code="gad7",
    name="GAD-7",
    about="Seven questions about worry and anxiety over the last two weeks.",
    items=(
        "Feeling nervous, anxious or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ),
    bands=(
        Band(0, 4, "Minimal"),
        Band(5, 9, "Mild"),
        Band(10, 14, "Moderate"),
        Band(15, 21, "Severe"),
    ),
)

INSTRUMENTS = {PHQ9.code: PHQ9, GAD7.code: GAD7}

# PHQ-9's ninth item asks about thoughts of death or self-harm: any answer above
# "Not at all" shows crisis help at once.
PHQ9_RISK_ITEM = 8


def needs_crisis_help(code: str, answers: list[int]) -> bool:
    return code == PHQ9.code and len(answers) > PHQ9_RISK_ITEM and answers[PHQ9_RISK_ITEM] > 0


def answer_label(value: int) -> str:
    return dict(ANSWERS)[value]
