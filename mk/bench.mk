# Benchmarks, not part of `make test` (timings on a shared machine are noisy):
# `make bench` writes its results under bench/.
.PHONY: bench

# Language identification + tokens and lemmas per message (issue target: at most 5 ms).
bench: $(SPACY_PIPELINE)/meta.json
	$(PY) -m bench.nlu_cost
