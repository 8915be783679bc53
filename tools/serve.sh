#!/usr/bin/env bash
# Starts the action server, Rasa (REST + socket.io, plus every messaging channel
# configured in the environment or .env) and the web chat demo page on loopback,
# says where to chat, and stops all three on Ctrl-C. Used by `make run` and
# `make run-production`.
#   ENDPOINTS       endpoints file (default endpoints.yml: SQLite tracker store);
#                   deploy/endpoints.production.yml is the PostgreSQL + Redis profile
#   RASA_API=true   turn Rasa's HTTP API on; needs RASA_JWT_SECRET and/or RASA_AUTH_TOKEN
#   SANIC_REQUEST_MAX_SIZE  largest request body Rasa accepts (default 262144 bytes)
set -euo pipefail
cd "$(dirname "$0")/.."
# .env (see .env.example) holds the channels' settings and secrets; variables
# already set in the environment win over it.
if [[ -f .env ]]; then
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
      name=${BASH_REMATCH[2]} value=${BASH_REMATCH[3]}
      value=${value%$'\r'}
      if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
      if [[ -z ${!name+set} ]]; then export "$name=$value"; fi
    fi
  done < .env
fi
VENV=${VENV:-.venv}
RASA_PORT=${RASA_PORT:-5005}
ACTION_PORT=${ACTION_SERVER_PORT:-5055}
MODEL=${MODEL:-models/assistant.tar.gz}
WEBCHAT_PORT=${WEBCHAT_PORT:-8000}
# Web origins allowed to call Rasa from a browser: the demo page's, unless set. Rasa's --cors
# takes them, and the socket.io channel reads them for its WebSocket origin check.
export RASA_CORS=${RASA_CORS-http://127.0.0.1:$WEBCHAT_PORT http://localhost:$WEBCHAT_PORT}
ENDPOINTS=${ENDPOINTS:-endpoints.yml}
# endpoints.yml names the action server's default port; another port gets a copy that names it.
if [[ $ENDPOINTS == endpoints.yml && $ACTION_PORT != 5055 ]]; then
  mkdir -p build
  sed "s#127.0.0.1:5055/#127.0.0.1:$ACTION_PORT/#" endpoints.yml > build/endpoints.yml
  ENDPOINTS=build/endpoints.yml
fi
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
# TensorFlow's oneDNN kernels slow down DIET's one-sentence predictions (about 10 % of the
# time per message; same intents and entities, confidences within 1e-5; see README, Speed).
export TF_ENABLE_ONEDNN_OPTS=${TF_ENABLE_ONEDNN_OPTS:-0}

# The credentials Rasa runs with: configured channels on, a half-configured one stops here.
CREDENTIALS=build/credentials.yml
"$VENV/bin/python" -m channels.credentials --out "$CREDENTIALS" || exit $?

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
  --credentials "$CREDENTIALS" --endpoints "$ENDPOINTS" ${RASA_CORS:+--cors $RASA_CORS} ${api_args[@]+"${api_args[@]}"} &
pids+=($!)
wait_for "http://127.0.0.1:$RASA_PORT/" "Rasa server" "${pids[-1]}" 300

"$VENV/bin/python" -m webchat.server --port "$WEBCHAT_PORT" --rasa-url "http://127.0.0.1:$RASA_PORT" &
pids+=($!)
wait_for "http://127.0.0.1:$WEBCHAT_PORT/" "demo page server" "${pids[-1]}" 30

cat <<INFO

  The assistant is up (English and Estonian).
    Web chat:       http://127.0.0.1:$WEBCHAT_PORT/  (demo page with the chat widget)
    Terminal chat:  run "make chat" in another terminal
    REST:           curl -s http://127.0.0.1:$RASA_PORT/webhooks/rest/webhook \\
                      -d '{"sender": "me", "message": "Kas Eestil on kaitseatašee Soomes?"}'
    socket.io:      http://127.0.0.1:$RASA_PORT/socket.io  (events user_uttered / bot_uttered)
    Action server:  http://127.0.0.1:$ACTION_PORT (loopback only)
    Endpoints:      $ENDPOINTS
  Press Ctrl-C to stop.

INFO
wait -n "${pids[@]}" || true
