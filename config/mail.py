"""Mail for the embedded default: printed to the console and kept in the outbox."""

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class ConsoleAndFileBackend(BaseEmailBackend):
    """Send each message to both the console and the outbox folder."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.backends = [ConsoleBackend(*args, **kwargs), FileBackend(*args, **kwargs)]

    def send_messages(self, email_messages):
        sent = 0
        for backend in self.backends:
            sent = backend.send_messages(email_messages)
        return sent
