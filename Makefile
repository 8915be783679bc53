# The two commands: `make run` and `make test`. Both set everything up first:
# a Python 3.10 virtualenv (created when missing), the pinned packages
# (installed when requirements change) and the model (trained when missing or
# when its inputs change).
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/assistant.tar.gz
SPACY_PIPELINE := build/spacy-pipeline
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2

# Every language's package (languages/<code>/): its data and morphology shape the NLU.
LANGUAGE_FILES := $(wildcard languages/*.py languages/*/*.py)
PATCH_FILES := $(wildcard patches/*.py)
# The generated NLU file is rewritten only when its content changes; the stamp says the
# generator ran.
NAMES := nlu/knowledge_names.yml
NAMES_STAMP := build/stamps/knowledge-names
NLU_DATA := $(sort $(filter-out $(NAMES),$(wildcard nlu/*.yml)) $(NAMES))
# What the spaCy pipeline and the model are made from. Make decides by time; the rules
# below then compare what the inputs say (tools/digest.py), so a touch, a comment, a
# docstring or a regeneration that came out the same rebuilds nothing.
SPACY_INPUTS := constraints.txt $(NLU_DATA) $(wildcard morphology/*.py common/*.py) $(LANGUAGE_FILES) $(PATCH_FILES)
TRAIN_INPUTS := config.yml domain.yml $(wildcard data/*.yml components/*.py) $(SPACY_INPUTS)
# The names of those files, rewritten (whenever make starts) only when the set changes: a
# file added, removed or renamed is a change the times of the files that are left would not show.
INPUT_LIST := build/stamps/input-files
$(shell mkdir -p $(dir $(INPUT_LIST)) && printf '%s\n' $(sort $(TRAIN_INPUTS)) | cmp -s - $(INPUT_LIST) \
	|| printf '%s\n' $(sort $(TRAIN_INPUTS)) > $(INPUT_LIST))
DIGEST := $(PY) -m tools.digest

.PHONY: help run test test-unit lint chat train validate compare constraints clean
.DELETE_ON_ERROR:

# Each mk/*.mk adds the set-up its part needs to RUN_SETUP and/or TEST_SETUP
# (a browser, npm packages...) and its own targets.
RUN_SETUP :=
TEST_SETUP :=
include $(sort $(wildcard mk/*.mk))

help: ## this list of targets
	@awk -F ':.*## ' '/^[a-z][a-z-]*:.*## / { printf "  make %-18s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

run: $(MODEL) $(RUN_SETUP) ## set up, train if needed, start everything and print where to chat
	@tools/serve.sh

test: lint $(MODEL) $(TEST_SETUP) ## set up, train if needed, then the static checks and every test
	$(PY) -m pytest

test-unit: $(VENV)/.installed $(NAMES_STAMP) ## the unit tests alone (no model, no servers; under a minute)
	$(PY) -m pytest tests/unit -q -n 2

# The static checks: ruff (lint and format), mypy (mypy.ini), ESLint on the widget.
lint: $(VENV)/.installed $(WEBCHAT_NPM) ## ruff lint and format check, mypy, ESLint on the widget
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	cd webchat && node_modules/.bin/eslint widget

chat: $(VENV)/.installed ## chat with `make run`'s assistant in the terminal
	@$(PY) -m tools.chat

train: $(MODEL) ## train the model if it is missing or its inputs changed

validate: $(VENV)/.installed $(NAMES_STAMP) ## rasa data validate, warnings as errors
	$(RASA) data validate --fail-on-warnings

$(PY):
	@python=$$(tools/find_python.sh) && echo "Creating $(VENV) with $$python" && "$$python" -m venv $(VENV)

$(VENV)/.installed: requirements.txt constraints.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip==24.0
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	@touch $@

# The generator rewrites nlu/knowledge_names.yml only when its content changes, so
# editing an answer text in knowledge.yml re-runs it (seconds) and retrains nothing;
# the stamp records that it ran.
$(NAMES_STAMP): knowledge.yml $(wildcard actions/*.py common/*.py morphology/*.py) $(LANGUAGE_FILES) $(PATCH_FILES) \
		constraints.txt tools/nlu_from_knowledge.py | $(VENV)/.installed
	$(PY) -m tools.nlu_from_knowledge
	@mkdir -p $(@D) && touch $@

# Only when the generated file is missing (removed by hand): its stamp would not notice.
$(NAMES): | $(VENV)/.installed
	$(PY) -m tools.nlu_from_knowledge

# The spaCy pipeline (tokenizer + lemmas) is built from code, never committed;
# each language's lemmatizer is built from the NLU data. Rasa's training cache
# keys SpacyNLP on the pipeline's path only, so a rebuilt pipeline empties the cache.
# A digest is staged before a build and committed after it: an edit made meanwhile is seen.
$(SPACY_PIPELINE)/meta.json: $(SPACY_INPUTS) $(NAMES_STAMP) $(INPUT_LIST) | $(VENV)/.installed
	@if [ -f $@ ] && $(DIGEST) check spacy-pipeline $(SPACY_INPUTS); then \
		echo "$(SPACY_PIPELINE): nothing it is built from changed; not rebuilt"; \
	else \
		$(DIGEST) stage spacy-pipeline $(SPACY_INPUTS) && \
		$(PY) -m morphology.build $(SPACY_PIPELINE) && rm -rf .rasa/cache && $(DIGEST) commit spacy-pipeline; \
	fi
	@touch $@

$(MODEL): $(VENV)/.installed $(TRAIN_INPUTS) $(NAMES_STAMP) $(SPACY_PIPELINE)/meta.json $(INPUT_LIST)
	@if [ -f $@ ] && $(DIGEST) check model $(TRAIN_INPUTS) $(SPACY_PIPELINE); then \
		echo "$(MODEL): nothing it learns from changed; not retrained"; \
	else \
		$(DIGEST) stage model $(TRAIN_INPUTS) $(SPACY_PIPELINE) && \
		$(RASA) train --fixed-model-name assistant --out models && $(DIGEST) commit model; \
	fi
	@touch $@

# Today's NLU pipeline, the faster candidates of compare/candidates.yml and the character
# n-gram baseline on the same data and test sets, a DIET once per seed; writes
# docs/comparison.md. About two hours on 2 cores (`python -m compare --only ...` for fewer).
compare: $(VENV)/.installed $(SPACY_PIPELINE)/meta.json ## NLU pipelines compared: today's, faster candidates, baseline; three seeds
	$(PY) -m compare

constraints: $(VENV)/.installed ## re-pin every package of the environment (after editing requirements.txt)
	( echo "# Every package of the environment, pinned (pip freeze); requirements.txt names the direct ones."; \
	  echo "# Regenerate after changing requirements.txt: make constraints"; \
	  $(PY) -m pip freeze --exclude-editable ) > constraints.txt

clean: ## remove models, caches, results and the built spaCy pipeline
	rm -rf models .rasa results tracker.db tracker.db-wal tracker.db-shm build
