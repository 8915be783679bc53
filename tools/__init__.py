"""Build-time tools (run from the project root with python -m tools.NAME)."""
