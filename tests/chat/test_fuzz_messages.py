"""The chat WebSocket's message schema under random frames: wrong types, random
unicode, huge texts, broken JSON. The consumer never fails, always answers, and
stores a message whole, once, or not at all."""

import json
import uuid

import pytest
from asgiref.sync import async_to_sync
from django.core.cache import cache
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chat.models import ChatMessage
from tests.chat.conftest import connected

pytestmark = pytest.mark.django_db(transaction=True)

JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=80)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=10,
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", "   ", "\x00", "a\x00b", "\ufeff", "x" * 100_000, "é" * 5_000]),
    JSON_VALUES,
)
SEND = st.fixed_dictionaries(
    {"type": st.just("send")},
    optional={
        "client_id": st.one_of(st.uuids().map(str), TEXTS, st.just("c" * 65)),
        "text": TEXTS,
    },
)
HISTORY = st.fixed_dictionaries({"type": st.just("history")}, optional={"before": JSON_VALUES})
FRAMES = st.one_of(
    SEND.map(lambda content: ("json", content)),
    HISTORY.map(lambda content: ("json", content)),
    JSON_VALUES.map(lambda content: ("json", content)),
    st.text(min_size=1, max_size=200).map(lambda text: ("text", text)),  # mostly not JSON
    st.binary(min_size=1, max_size=200).map(lambda data: ("bytes", data)),
)


async def _exchange(client, frame):
    kind, content = frame
    if kind == "json":
        await client.send_json_to(content)
    elif kind == "text":
        await client.send_to(text_data=content)
    else:
        await client.send_to(bytes_data=content)
    return await client.receive_json_from(timeout=5)


def _still_answers(client):
    async def check():
        await client.send_json_to({"type": "history", "before": 1})
        return await client.receive_json_from(timeout=5)

    return check


@pytest.mark.slow
def test_random_frames_never_break_the_chat(member, group_room):
    @settings(
        max_examples=30, deadline=None, derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                               HealthCheck.data_too_large],
    )  # fmt: skip
    @given(frames=st.lists(FRAMES, min_size=1, max_size=5))
    @example(frames=[("json", {"type": "send", "client_id": "a\x00", "text": "hi\x00"})])
    @example(frames=[("bytes", b"\xff"), ("text", "{"), ("text", "[" * 100_000)])
    @example(frames=[("json", {"type": "send", "client_id": [1], "text": {"x": None}})])
    def scenario(frames):
        cache.clear()  # the rate limit would soon refuse every send

        async def run():
            client, _ = await connected(member, group_room)
            answers = []
            for frame in frames:
                answers.append(await _exchange(client, frame))
            answers.append(await _still_answers(client)())
            await client.disconnect()
            return answers

        before = ChatMessage.objects.count()
        answers = async_to_sync(run)()
        assert answers[-1]["type"] == "history"
        acks = [answer for answer in answers if answer["type"] == "ack"]
        assert {answer["type"] for answer in answers} <= {"ack", "refused", "error", "history"}
        assert ChatMessage.objects.count() - before <= len(acks)  # nothing stored unannounced
        for ack in acks:  # each acknowledged message is stored once, whole, in a state
            stored = ChatMessage.objects.get(author=member, client_id=ack["client_id"])
            assert stored.body and stored.state

    scenario()


def test_a_frame_that_is_not_json_is_answered_plainly(member, group_room):
    async def run():
        client, _ = await connected(member, group_room)
        await client.send_to(text_data="{not json")
        answer = await client.receive_json_from(timeout=5)
        await client.send_to(bytes_data=b"\xff\x00")
        second = await client.receive_json_from(timeout=5)
        await client.disconnect()
        return answer, second

    answer, second = async_to_sync(run)()
    assert answer == second == {"type": "error", "reason": "Unknown request."}


def test_a_nul_character_is_refused_not_stored(member, group_room):
    client_id = str(uuid.uuid4())

    async def run():
        client, _ = await connected(member, group_room)
        await client.send_json_to({"type": "send", "client_id": client_id, "text": "hi\x00"})
        answer = await client.receive_json_from(timeout=5)
        await client.disconnect()
        return answer

    answer = async_to_sync(run)()
    assert answer["type"] == "refused" and answer["client_id"] == client_id
    assert not ChatMessage.objects.filter(client_id=client_id).exists()
    assert json.dumps(answer)  # a plain frame the page can show
