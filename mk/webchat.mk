# The web chat widget (webchat/): what its browser tests need on a fresh machine.
# - Debian's chromium (Playwright drives it; Playwright's own browser download is not used);
# - the npm packages of webchat/package-lock.json: axe-core and rasa-webchat 1.0.1;
# - Playwright for Python comes with requirements.txt.
# The demo page itself (`make run`, port 8000) needs none of these.
CHROMIUM := /usr/bin/chromium
WEBCHAT_NPM := webchat/node_modules/.installed

.PHONY: webchat-setup webchat-test

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests"
	@if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	  $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

$(WEBCHAT_NPM): webchat/package.json webchat/package-lock.json
	cd webchat && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

webchat-setup: $(CHROMIUM) $(WEBCHAT_NPM) $(VENV)/.installed

webchat-test: webchat-setup ## the widget's server and browser tests
	$(PY) -m pytest tests/unit/webchat/test_server.py tests/system/browser -q

TEST_SETUP += $(CHROMIUM) $(WEBCHAT_NPM)
