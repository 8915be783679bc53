"""`make compare`: our NLU pipeline and the character n-gram baseline, side by side."""
