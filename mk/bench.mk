# Benchmarks, not part of `make test` (timings on a shared machine are noisy).
# `make bench` writes its results under bench/:
#   nlu-cost.json   language identification + tokens and lemmas per message (target: at most 5 ms);
#   results.json, results.md, results.png   our assistant against Rasa's starter bot, trained,
#                   started and loaded one after the other in the same run (about 25 minutes).
# BENCH_ARGS=--skip-accuracy leaves out the NLU accuracy comparison.
.PHONY: bench

bench: $(VENV)/.installed $(SPACY_PIPELINE)/meta.json ## ours against Rasa's starter bot (about 25 minutes)
	$(PY) -m bench.nlu_cost
	$(PY) -m bench $(BENCH_ARGS)
