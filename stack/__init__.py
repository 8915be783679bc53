"""The assistant's stack, started and stopped from Python: its processes (Rasa, the
action server, nginx...) and a throw-away namespace in PostgreSQL and Redis.

Shared by the end-to-end tests, the loopback cluster (deploy/cluster.py),
`make load`, `make bench` and `make compare`; production code imports it, the
tests import it too, and it imports nothing from either.
"""
