# Production profile, scale-out cluster, load test and dependency audit (docs/production.md).
#   make run-production   one Rasa + action server on the PostgreSQL/Redis profile
#   make run-cluster      2 Rasa replicas + action server + nginx on loopback
#   make load             Locust against the cluster, bounded (LOAD_USERS, LOAD_DURATION)
#   make audit            dependency audit (offline triage check; pip-audit when online)
.PHONY: run-production run-cluster load audit nginx

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
NGINX_BIN := /usr/sbin/nginx
LOAD_VENV := .venv-load

# nginx from Debian, for the loopback cluster (tests and `make run-cluster`); idempotent.
$(NGINX_BIN):
	@command -v nginx >/dev/null 2>&1 || { echo "Installing nginx (Debian package nginx-light)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx-light; }
nginx: $(NGINX_BIN)
TEST_SETUP += $(NGINX_BIN)

# Local defaults of the production profile; override any of them in the environment.
PRODUCTION_ENV := ENDPOINTS=deploy/endpoints.production.yml \
  DB_HOST=$${DB_HOST:-127.0.0.1} DB_PORT=$${DB_PORT:-5432} DB_NAME=$${DB_NAME:-assistant} \
  DB_USER=$${DB_USER:-postgres} DB_PASSWORD=$${DB_PASSWORD:-} DB_LOGIN_DB=$${DB_LOGIN_DB:-postgres} \
  REDIS_HOST=$${REDIS_HOST:-127.0.0.1} REDIS_PORT=$${REDIS_PORT:-6379} REDIS_DB=$${REDIS_DB:-1} \
  REDIS_PASSWORD=$${REDIS_PASSWORD:-} REDIS_KEY_PREFIX=$${REDIS_KEY_PREFIX:-assistant} \
  ACTION_ENDPOINT_URL=$${ACTION_ENDPOINT_URL:-http://127.0.0.1:$${ACTION_SERVER_PORT:-5055}/webhook} \
  TICKET_LOCK_LIFETIME=$${TICKET_LOCK_LIFETIME:-30} SANIC_RESPONSE_TIMEOUT=$${SANIC_RESPONSE_TIMEOUT:-90}

run-production: $(MODEL) $(RUN_SETUP) ## one Rasa + action server on PostgreSQL and Redis
	@$(PRODUCTION_ENV) tools/serve.sh

run-cluster: $(MODEL) $(RUN_SETUP) $(NGINX_BIN) ## two Rasa replicas + action server + nginx on loopback
	@$(PY) -m deploy.cluster

$(LOAD_VENV)/.installed: load/requirements.txt
	@test -x $(LOAD_VENV)/bin/python || python3 -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r load/requirements.txt
	@touch $@

load: $(MODEL) $(NGINX_BIN) $(LOAD_VENV)/.installed ## the 30-minute soak against the cluster
	$(PY) -m load.run

audit: $(VENV)/.installed ## dependency audit
	$(PY) -m deploy.audit
