"""The earlier name of `rotate_encryption_keys`, kept so runbooks that use it still work."""

from accounts.management.commands.rotate_encryption_keys import Command  # noqa: F401
