"""Rasa input channels of this assistant (see credentials.yml)."""
