# Conversation report (report/): per language, the most frequent unanswered or
# low-confidence questions and the ratings per knowledge entry.
#   make report                     the SQLite tracker store of endpoints.yml
#   make report ENDPOINTS=<file>    the tracker store another endpoints file names
#   make report-production          the PostgreSQL store of the production profile
.PHONY: report report-production

report: $(VENV)/.installed ## unanswered questions and ratings, per language (SQLite store)
	@$(PY) -m report --endpoints $(or $(ENDPOINTS),endpoints.yml)

report-production: $(VENV)/.installed ## the same report from the production PostgreSQL store
	@$(PRODUCTION_ENV) $(PY) -m report --endpoints deploy/endpoints.production.yml
