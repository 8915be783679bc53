"""Per-test-run namespaces in the machine's PostgreSQL and Redis, and private
PostgreSQL / Redis servers that fault tests may stop and restart.

Tests never touch a developer's data: each run gets its own database
`assistant_test_<random>` (dropped afterwards) and its own Redis key prefix
in DB 5 (its keys deleted afterwards). Restarting the shared servers would
disturb everyone on the machine, so the restart tests start their own.
"""

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Dict, List

import psycopg2
import redis

from tests.servers import free_port

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
        import json

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


def _run_as_postgres(command: List[str], **kwargs) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--"] + command
    return subprocess.run(command, check=True, capture_output=True, timeout=120, **kwargs)


class PrivatePostgres:
    """A throw-away PostgreSQL cluster on a free loopback port (trust auth, no fsync)."""

    def __init__(self) -> None:
        versions = sorted(Path("/usr/lib/postgresql").iterdir())
        self.bin = versions[-1] / "bin"
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="assistant-pg-"))
        self.data = self.dir / "data"
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chmod(self.dir, 0o755)
            os.chown(self.dir, user.pw_uid, user.pw_gid)

    def init(self) -> "PrivatePostgres":
        _run_as_postgres([str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", PG_USER, "--no-sync"])
        return self.start()

    def _ctl(self, *args: str) -> None:
        _run_as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", *args])

    def start(self) -> "PrivatePostgres":
        self._ctl(
            "-l",
            str(self.dir / "postgres.log"),
            "-o",
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )
        return self

    def stop(self) -> None:
        self._ctl("-m", "fast", "stop")

    def destroy(self) -> None:
        try:
            self.stop()
        except subprocess.SubprocessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRedis:
    """A throw-away Redis server on a free loopback port, keeping nothing on disk."""

    def __init__(self) -> None:
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="assistant-redis-"))
        self.popen = None

    def start(self) -> "PrivateRedis":
        self.popen = subprocess.Popen(
            [
                shutil.which("redis-server") or "/usr/bin/redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if redis.Redis(port=self.port, socket_timeout=1).ping():
                    return self
            except redis.RedisError:
                time.sleep(0.2)
        raise RuntimeError("the private Redis did not start")

    def stop(self) -> None:
        if self.popen and self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
