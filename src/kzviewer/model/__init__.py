"""The model of what the audience sees, and the keys that change it (pure Python, no Qt)."""
