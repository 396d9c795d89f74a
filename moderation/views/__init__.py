"""The Wall Guide console (guides and leads), the lead's audit log, and the member's
conversation with the Wall Guides. Views are thin: forms check, services act."""
