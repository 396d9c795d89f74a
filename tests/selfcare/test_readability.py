"""Measured, not promised: shipped articles and course modules read at about age 12.

Flesch-Kincaid grade (textstat) of each article's words as a member reads them,
rendered from Markdown to text. UK school year 7 is US grade 6 to 7.
"""

from pathlib import Path

import pytest
import textstat

from community.markdown import plain_text, render

DATA = Path(__file__).resolve().parents[2] / "selfcare/data"
ARTICLES = sorted((DATA / "articles").glob("*.md"))
MODULES = sorted((DATA / "courses").glob("*/[0-9]*.md"))
GRADE_MAX = 7


def article_text(path: Path) -> str:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    title = next(line for line in head.splitlines() if line.startswith("title:"))
    return (
        title.removeprefix("title:").strip() + ".\n\n" + plain_text(render(body, allow_links=True))
    )


def test_at_least_twelve_articles_ship():
    assert len(ARTICLES) >= 12


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_each_shipped_article_reads_at_grade_7_or_below(path):
    grade = textstat.flesch_kincaid_grade(article_text(path))
    assert grade <= GRADE_MAX, f"{path.name} reads at grade {grade}"


@pytest.mark.parametrize("path", MODULES, ids=lambda path: f"{path.parent.name}-{path.stem}")
def test_each_course_module_reads_at_grade_7_or_below(path):
    grade = textstat.flesch_kincaid_grade(article_text(path))
    assert grade <= GRADE_MAX, f"{path} reads at grade {grade}"
