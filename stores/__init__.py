"""Storage pieces Rasa loads from endpoints files (see deploy/endpoints.production.yml)."""
