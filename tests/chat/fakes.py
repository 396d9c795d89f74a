"""A risk check that takes its time, for tests of the chat's time limit."""

import time

from django.conf import settings

from tests.moderation.fakes import FixedVerdictBackend


class SlowBackend(FixedVerdictBackend):
    def assess(self, texts):
        time.sleep(settings.HARBOUR_FAKE_RISK_DELAY)
        return super().assess(texts)
