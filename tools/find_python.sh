#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 needs 3.8-3.10), or
# explains how to get one and exits 1.
for candidate in python3.10 "$(pyenv prefix 3.10 2>/dev/null)/bin/python3.10" \
                 "$(pyenv prefix 3.10.13 2>/dev/null)/bin/python3.10"; do
  if [ -n "$candidate" ] && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    command -v "$candidate" 2>/dev/null || echo "$candidate"
    exit 0
  fi
done
if command -v pyenv >/dev/null 2>&1; then
  for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.|$)'); do
    candidate="$(pyenv prefix "$version")/bin/python3.10"
    [ -x "$candidate" ] && { echo "$candidate"; exit 0; }
  done
fi
echo "No Python 3.10 found. Rasa 3.6 needs Python 3.10: install it (e.g. 'pyenv install 3.10' or your" >&2
echo "system's python3.10 package) so that 'python3.10' is on PATH, then run make again." >&2
exit 1
