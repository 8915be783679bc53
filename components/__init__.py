"""Custom Rasa graph components of the assistant (NLU and dialogue)."""
