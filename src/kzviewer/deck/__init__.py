"""Decks and countries files (pure Python, no Qt)."""
