"""Writes for members' rights, split by what they do: exports, erasure, pause,
legal holds, consent and retention."""
