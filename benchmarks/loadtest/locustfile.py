"""Harbour under a realistic mix, for `python -m benchmarks loadtest` (see README).

Members read threads and Talkabouts, reply, start threads and hug; chatters talk in
group rooms over the WebSocket (timed from send to the server's ack, which comes after
the message's risk check); two Wall Guides work the queue (queue page, next case,
approve). Sessions come from benchmarks/loadtest/seed.py through LOADTEST_SEED.
"""

import itertools
import json
import os
import random
import time
import uuid
from pathlib import Path

import websocket
from locust import HttpUser, between, task

SEED = json.loads(Path(os.environ["LOADTEST_SEED"]).read_text())
_member_keys = itertools.cycle(enumerate(SEED["members"]))
_guide_keys = itertools.cycle(enumerate(SEED["guides"]))

SAFE = [
    "Thank you for writing this. I went through something similar last spring.",
    "Sending you strength. A short walk helped me on days like that.",
    "You are not on your own with this. Is there one small thing you could do tonight?",
    "I found it easier once I told one person at work. Take it slowly.",
]
HELD = [  # a guide should see these: contact details, or someone who may be at risk
    "Text me on 07700 900123 and we can talk properly.",
    "Honestly I don't want to be here anymore, I keep thinking about ending it.",
]


def _text() -> str:
    return random.choice(HELD) if random.random() < 0.15 else random.choice(SAFE)


class _SignedIn(HttpUser):
    abstract = True
    keys = _member_keys
    first_page = ("/", "home")  # a page with a form, so it sets the CSRF cookie

    def on_start(self):
        self.place, key = next(self.keys)
        self.client.cookies.set(SEED["cookie"], key)
        path, name = self.first_page
        self.client.get(path, name=name)

    def _post(self, path, data, name):
        headers = {"X-CSRFToken": self._csrf_token()}
        return self.client.post(path, data, headers=headers, name=name, allow_redirects=False)

    def _csrf_token(self) -> str:
        # A page whose HTML was served from the cache may not have set the cookie.
        if not self.client.cookies.get("csrftoken"):
            self.client.get("/threads/new/", name="new thread form")
        return self.client.cookies.get("csrftoken", "")


class Member(_SignedIn):
    weight = 12
    wait_time = between(1, 3)

    def on_start(self):
        super().on_start()
        self.hugged = set()

    @task(10)
    def thread_read(self):
        self.client.get(f"/threads/{random.choice(SEED['threads'])}/", name="thread page")

    @task(3)
    def talkabout_read(self):
        self.client.get(f"/talkabouts/{SEED['talkabout']['slug']}/", name="talkabout page")

    @task(2)
    def home(self):
        self.client.get("/", name="home")

    @task(3)
    def reply(self):
        thread = random.choice(SEED["threads"])
        self._post(f"/threads/{thread}/reply/", {"body": _text()}, "post reply")

    @task(1)
    def thread_start(self):
        data = {"talkabout": SEED["talkabout"]["id"], "title": "Struggling this week",
                "body": _text()}  # fmt: skip
        self._post(f"/talkabouts/{SEED['talkabout']['slug']}/new/", data, "start thread")

    @task(3)
    def hug(self):
        post = random.choice([pk for pk, author in SEED["posts"] if author != self.place])
        undo = post in self.hugged
        self._post(f"/posts/{post}/hug/", {"action": "undo"} if undo else {}, "hug")
        self.hugged ^= {post}


class Chatter(_SignedIn):
    weight = 4
    wait_time = between(2, 5)

    def on_start(self):
        super().on_start()
        self.room = random.choice(SEED["rooms"])
        self.client.get(f"/chat/rooms/{self.room}/", name="chat room page")
        self.socket = None

    def _connect(self):
        # As the chat page's script does: connect, and connect again after a drop (each
        # drop is counted as a failed "chat connect"; a real client then replays).
        url = self.host.replace("http://", "ws://") + f"/ws/chat/{self.room}/"
        cookie = f"{SEED['cookie']}={self.client.cookies.get(SEED['cookie'])}"
        self.socket = websocket.create_connection(
            url, header=[f"Cookie: {cookie}"], origin=self.host, timeout=10
        )

    def on_stop(self):
        if self.socket is not None:
            self.socket.close()

    @task
    def say(self):
        if self.socket is None or not self.socket.connected:
            if self.socket is not None:
                self.environment.events.request.fire(
                    request_type="WS", name="chat connect", context={}, response_time=0,
                    response_length=0, exception=RuntimeError("the server closed the socket"),
                )  # fmt: skip
            self._connect()
        client_id = uuid.uuid4().hex
        started = time.perf_counter()
        error = None
        try:
            self.socket.send(json.dumps({"type": "send", "client_id": client_id, "text": _text()}))
            answer = self._answer_to(client_id)
            if answer["type"] != "ack":
                error = RuntimeError(f"{answer['type']}: {answer.get('reason', '')}")
        except Exception as failure:  # noqa: BLE001 - any failure is a failed request here
            error = failure
            self.socket.close()  # connect again next time
        self.environment.events.request.fire(
            request_type="WS", name="chat send (to ack)", context={}, exception=error,
            response_time=(time.perf_counter() - started) * 1000, response_length=0,
        )  # fmt: skip

    def _answer_to(self, client_id) -> dict:
        # Other members' messages arrive on the same socket meanwhile: skip them.
        while True:
            frame = json.loads(self.socket.recv())
            if frame.get("client_id") == client_id and frame["type"] in ("ack", "refused"):
                return frame


class Guide(_SignedIn):
    fixed_count = 2
    keys = _guide_keys
    first_page = ("/moderation/cases/", "queue page")
    wait_time = between(2, 4)

    @task(1)
    def queue_page(self):
        self.client.get("/moderation/cases/", name="queue page")

    @task(3)
    def case_work(self):
        claimed = self._post("/moderation/cases/next/", {}, "next case")
        where = claimed.headers.get("Location", "")
        if "/moderation/cases/" not in where or where.endswith("/cases/"):
            return  # nothing waiting
        self.client.get(where, name="case page")
        self._post(f"{where}approve/", {"approve_form-message": ""}, "approve case")
