"""`manage.py moderation_classify`: JSON Lines in, one decision a line out, malformed
lines reported by number, no database needed. Other tools depend on this shape."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from moderation.classifier.assessment import Assessment
from moderation.classifier.batch import classify_lines, handles_read, line_parse
from moderation.classifier.labels import ESCALATE, LABELS, PUBLISH, REVIEW
from moderation.management.commands.moderation_classify import Command

ROOT = Path(__file__).resolve().parents[2]
OUTPUT_KEYS = ["id", "decision", "labels", "scores", "rules", "model_version"]


def _fake_assess(texts):
    return [Assessment(PUBLISH, (), {"safe": 1.0}, (), None, "fake") for _ in texts]


def test_a_malformed_line_is_reported_by_number_and_the_rest_still_run():
    lines = ['{"id": 1, "text": "a"}', "{nope", '{"id": 2}', "", '{"id": 3, "text": "c", "x": 1}']
    errors = []
    out = list(classify_lines(lines, _fake_assess, on_error=errors.append))
    assert [o["id"] for o in out] == [1, 3]
    assert [str(e) for e in errors] == [
        "line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        'line 3: "text" must be a string',
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[1, 2]", "expected a JSON object"),
        ('{"text": "hi"}', 'missing "id"'),
        ('{"id": 1, "text": 5}', '"text" must be a string'),
    ],
)
def test_each_kind_of_bad_line_says_what_is_wrong(line, message):
    assert line_parse(7, line).message == message


def test_posts_are_assessed_in_batches_and_come_out_in_input_order():
    batches = []

    def assess_batch(texts):
        batches.append(len(texts))
        return _fake_assess(texts)

    lines = [json.dumps({"id": i, "text": f"post {i}"}) for i in range(70)]
    out = list(classify_lines(lines, assess_batch, on_error=print, batch_size=32))
    assert batches == [32, 32, 6]
    assert [o["id"] for o in out] == list(range(70))
    assert list(out[0]) == OUTPUT_KEYS


def test_handles_file_lines_are_trimmed_and_may_start_with_at():
    assert handles_read(["@steady-heron-42\n", "\n", "  bob-heron \n"]) == [
        "steady-heron-42",
        "bob-heron",
    ]


def test_the_command_skips_system_checks():
    # System checks can query the database; the batch tool must run without one.
    assert Command.requires_system_checks == []


# --- The real command, in a subprocess, with the database unreachable ---------------

POSTS = [
    {"id": "crisis", "text": "I'm going to kill myself tonight. Goodbye everyone."},
    "this line is not JSON",
    {"id": "idiom", "text": "my boss will kill me if I'm late again lol", "author": 9},
    {"text": "no id here"},
    {"id": 4, "text": "thanks @steady-heron-42 and add me on snap @jane_d99"},
    {"id": 5, "text": "thanks @steady-heron-42 and @jane_d99"},
]


def _run(args, *, stdin=None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        # A closed port: any database access would fail the run.
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/unreachable",
        "HARBOUR_TORCH_THREADS": "1",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "moderation_classify", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _lines(posts):
    return "".join((json.dumps(p) if isinstance(p, dict) else p) + "\n" for p in posts)


@pytest.fixture(scope="module")
def run_from_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("classify") / "posts.jsonl"
    path.write_text(_lines(POSTS))
    return _run(["--input", str(path)])


@pytest.mark.slow
def test_the_command_runs_without_a_database_and_fails_on_malformed_lines(run_from_file):
    assert run_from_file.returncode != 0
    assert "line 2: not valid JSON" in run_from_file.stderr
    assert 'line 4: missing "id"' in run_from_file.stderr
    out = [json.loads(line) for line in run_from_file.stdout.splitlines()]
    assert [o["id"] for o in out] == ["crisis", "idiom", 4, 5]


@pytest.mark.slow
def test_each_output_line_has_the_agreed_shape(run_from_file):
    out = [json.loads(line) for line in run_from_file.stdout.splitlines()]
    for result in out:
        assert list(result) == OUTPUT_KEYS
        assert result["decision"] in (PUBLISH, REVIEW, ESCALATE)
        assert list(result["scores"]) == list(LABELS)
        assert result["model_version"].startswith("head-v1-")
        for match in result["rules"]:
            assert set(match) == {"rule", "label", "start", "end", "priority"}
    crisis = out[0]
    assert crisis["decision"] == ESCALATE and "imminent_risk" in crisis["labels"]
    assert "crisis_imminent" in {m["rule"] for m in crisis["rules"]}
    assert out[1]["rules"] == []


@pytest.mark.slow
def test_without_handles_only_a_platform_cue_makes_an_at_word_social(run_from_file):
    out = {o["id"]: o for o in map(json.loads, run_from_file.stdout.splitlines())}
    social = {m["rule"] for m in out[4]["rules"]}
    assert "social_media_handle" in social and "personal_info" in out[4]["labels"]
    assert out[5]["rules"] == []


@pytest.mark.slow
def test_with_handles_unknown_at_words_are_social_and_stdin_works(tmp_path):
    handles = tmp_path / "handles.txt"
    handles.write_text("steady-heron-42\n")
    posts = _lines([{"id": 5, "text": "thanks @steady-heron-42 and @jane_d99"}])
    result = _run(["--input", "-", "--handles", str(handles)], stdin=posts)
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    rules = json.loads(line)["rules"]
    text = "thanks @steady-heron-42 and @jane_d99"
    assert [text[m["start"] : m["end"]] for m in rules if m["rule"] == "social_media_handle"] == [
        "@jane_d99"
    ]
