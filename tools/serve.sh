#!/usr/bin/env bash
# Starts the action server and Rasa (REST + socket.io) on loopback, says where
# to chat, and stops both on Ctrl-C. Used by `make run` and `make run-production`.
#   ENDPOINTS       endpoints file (default endpoints.yml: SQLite tracker store);
#                   deploy/endpoints.production.yml is the PostgreSQL + Redis profile
#   RASA_API=true   turn Rasa's HTTP API on; needs RASA_JWT_SECRET and/or RASA_AUTH_TOKEN
#   SANIC_REQUEST_MAX_SIZE  largest request body Rasa accepts (default 262144 bytes)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
RASA_PORT=${RASA_PORT:-5005}
ACTION_PORT=${ACTION_SERVER_PORT:-5055}
MODEL=${MODEL:-models/assistant.tar.gz}
ENDPOINTS=${ENDPOINTS:-endpoints.yml}
export SANIC_REQUEST_MAX_SIZE=${SANIC_REQUEST_MAX_SIZE:-262144}
api_args=()
if [ "${RASA_API:-false}" = "true" ]; then
  if [ -z "${RASA_JWT_SECRET:-}" ] && [ -z "${RASA_AUTH_TOKEN:-}" ]; then
    echo "RASA_API=true needs RASA_JWT_SECRET or RASA_AUTH_TOKEN: the HTTP API must not run without authentication." >&2
    exit 2
  fi
  api_args+=(--enable-api)
  if [ -n "${RASA_JWT_SECRET:-}" ]; then api_args+=(--jwt-secret "$RASA_JWT_SECRET" --jwt-method HS256); fi
  if [ -n "${RASA_AUTH_TOKEN:-}" ]; then api_args+=(--auth-token "$RASA_AUTH_TOKEN"); fi
fi
# Library deprecation warnings say nothing to someone chatting; the servers still log errors.
export RASA_TELEMETRY_ENABLED=false SANIC_HOST=127.0.0.1 PYTHONWARNINGS=ignore TF_CPP_MIN_LOG_LEVEL=2

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping the assistant..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "Stopped."
}
trap stop INT TERM EXIT

wait_for() {  # url, name, pid, seconds
  for _ in $(seq "$4"); do
    if curl -fsS "$1" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then echo "The $2 exited during start-up (see the messages above)." >&2; exit 1; fi
    sleep 1
  done
  echo "The $2 did not start within $4 s." >&2; exit 1
}

"$VENV/bin/python" -m actions --port "$ACTION_PORT" &
pids+=($!)
wait_for "http://127.0.0.1:$ACTION_PORT/health" "action server" "${pids[-1]}" 60

"$VENV/bin/rasa" run --model "$MODEL" --interface 127.0.0.1 --port "$RASA_PORT" \
  --credentials credentials.yml --endpoints "$ENDPOINTS" ${RASA_CORS:+--cors $RASA_CORS} ${api_args[@]+"${api_args[@]}"} &
pids+=($!)
wait_for "http://127.0.0.1:$RASA_PORT/" "Rasa server" "${pids[-1]}" 300

cat <<INFO

  The assistant is up (English and Estonian).
    Terminal chat:  run "make chat" in another terminal
    REST:           curl -s http://127.0.0.1:$RASA_PORT/webhooks/rest/webhook \\
                      -d '{"sender": "me", "message": "Kas Eestil on kaitseatašee Soomes?"}'
    socket.io:      http://127.0.0.1:$RASA_PORT/socket.io  (events user_uttered / bot_uttered)
    Action server:  http://127.0.0.1:$ACTION_PORT (loopback only)
    Endpoints:      $ENDPOINTS
  Press Ctrl-C to stop.

INFO
wait -n "${pids[@]}" || true
