"""A throw-away namespace in the machine's PostgreSQL and Redis: its own database
`assistant_test_<random>` and its own Redis key prefix in DB 5, with the
environment the production profile needs to use them. `drop()` removes both.

The production tests, the loopback cluster's load test (`make load`) and the
fault tests use it, so that none of them touches a developer's data.
"""

import json
import os
import uuid
from typing import Dict, List

import psycopg2
import redis

PG_HOST, PG_PORT, PG_USER = (
    "127.0.0.1",
    int(os.environ.get("TEST_PG_PORT", 5432)),
    os.environ.get("TEST_PG_USER", "postgres"),
)
REDIS_PORT, REDIS_TEST_DB = int(os.environ.get("TEST_REDIS_PORT", 6379)), 5


def pg_connect(port: int = PG_PORT, dbname: str = "postgres"):
    connection = psycopg2.connect(host=PG_HOST, port=port, user=PG_USER, dbname=dbname, connect_timeout=5)
    connection.autocommit = True
    return connection


class ConversationNamespace:
    """A fresh database and Redis key prefix; `env` is what the production profile needs."""

    def __init__(self, pg_port: int = PG_PORT, redis_port: int = REDIS_PORT) -> None:
        token = uuid.uuid4().hex[:12]
        self.pg_port, self.redis_port = pg_port, redis_port
        self.db_name = f"assistant_test_{token}"
        self.key_prefix = f"assistanttest{token}"
        self.env: Dict[str, str] = {
            "DB_HOST": PG_HOST,
            "DB_PORT": str(pg_port),
            "DB_NAME": self.db_name,
            "DB_USER": PG_USER,
            "DB_PASSWORD": "",
            "DB_LOGIN_DB": "postgres",
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": str(redis_port),
            "REDIS_DB": str(REDIS_TEST_DB),
            "REDIS_PASSWORD": "",
            "REDIS_KEY_PREFIX": self.key_prefix,
        }

    def events(self, sender: str) -> List[dict]:
        """The conversation's events as stored in PostgreSQL, in order."""
        connection = pg_connect(self.pg_port, self.db_name)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
                return [json.loads(row[0]) for row in cursor.fetchall()]
        finally:
            connection.close()

    def drop(self) -> None:
        # Not `with connection:`, which opens a transaction, and DROP DATABASE refuses to run in one.
        try:
            connection = pg_connect(self.pg_port)
            try:
                with connection.cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
            finally:
                connection.close()
        except psycopg2.Error as error:
            print(f"Could not drop the test database {self.db_name}: {error}")
        try:
            client = redis.Redis(port=self.redis_port, db=REDIS_TEST_DB, socket_timeout=5)
            keys = list(client.scan_iter(f"{self.key_prefix}*", count=500))
            if keys:
                client.delete(*keys)
        except redis.RedisError:
            pass
