"""A loopback cluster of the production profile: N Rasa replicas, one action
server and nginx (round-robin) in front, sharing PostgreSQL and Redis.

Used by the scale-out and fault tests, by `make run-cluster` and `make load`.
Configuration comes from the environment (see deploy/endpoints.production.yml
and docs/production.md); every server listens on 127.0.0.1 on a free port,
and all of them are stopped by `stop()` (also after a failed start).

`python -m deploy.cluster` starts one and keeps it up until Ctrl-C.
"""

import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

from stack.processes import (
    ROOT,
    Process,
    free_port,
    rasa_run_command,
    start_action_server,
    wait_http,
    wait_until_answering,
)

ENDPOINTS = ROOT / "deploy" / "endpoints.production.yml"
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

# Local defaults of the production profile: the services of a developer machine.
DEFAULTS = {
    "DB_HOST": "127.0.0.1",
    "DB_PORT": "5432",
    "DB_NAME": "assistant",
    "DB_USER": "postgres",
    "DB_PASSWORD": "",
    "DB_LOGIN_DB": "postgres",
    "REDIS_HOST": "127.0.0.1",
    "REDIS_PORT": "6379",
    "REDIS_DB": "1",
    "REDIS_PASSWORD": "",
    "REDIS_KEY_PREFIX": "assistant",
    "SANIC_REQUEST_MAX_SIZE": "262144",
    # A conversation's queued messages wait for its Redis lock; a ticket left by a replica that
    # died expires after TICKET_LOCK_LIFETIME s. Sanic must wait longer than that before it
    # cancels a request (Rasa then answers an empty list), and nginx longer still.
    "TICKET_LOCK_LIFETIME": "30",
    # Only read by deploy/endpoints.production-broker.yml.
    "RABBITMQ_HOST": "127.0.0.1",
    "RABBITMQ_PORT": "5672",
    "RABBITMQ_USER": "guest",
    "RABBITMQ_PASSWORD": "guest",
    "RABBITMQ_EXCHANGE": "assistant-events",
    "RABBITMQ_QUEUE": "assistant-events",
    "SANIC_RESPONSE_TIMEOUT": "90",
}


def production_env(overrides: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """The process environment of a production-profile server: defaults < os.environ < overrides."""
    env = dict(DEFAULTS)
    env.update(os.environ)
    env.update(overrides or {})
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        SANIC_HOST="127.0.0.1",
        TF_CPP_MIN_LOG_LEVEL="2",
        PYTHONUNBUFFERED="1",
        PYTHONWARNINGS="ignore",
        TF_ENABLE_ONEDNN_OPTS="0",
    )  # as tools/serve.sh
    return env


class Cluster:
    """Action server + `replicas` Rasa servers + nginx on loopback."""

    def __init__(
        self,
        workdir: Path,
        replicas: int = 2,
        env: Optional[Dict[str, str]] = None,
        action_url: Optional[str] = None,
        rasa_args: Optional[List[str]] = None,
        max_body: str = "256k",
        action_port: Optional[int] = None,
        endpoints: Path = ENDPOINTS,
    ) -> None:
        """`action_url` lets Rasa reach the action server through something else (a test's proxy)."""
        self.workdir = Path(workdir)
        self.action_port = action_port or free_port()
        self.action_url = action_url or f"http://127.0.0.1:{self.action_port}/webhook"
        self.rasa_ports = [free_port() for _ in range(replicas)]
        self.nginx_port = free_port()
        self.max_body = max_body
        self.rasa_args = rasa_args or []
        self.endpoints = endpoints
        self.env = production_env(dict(env or {}, ACTION_ENDPOINT_URL=self.action_url))
        self.actions: Optional[Process] = None
        self.replicas: List[Optional[Process]] = [None] * replicas
        self.nginx: Optional[Process] = None

    @property
    def url(self) -> str:
        """Where users reach the assistant: nginx."""
        return f"http://127.0.0.1:{self.nginx_port}"

    def replica_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.rasa_ports[index]}"

    def start(self) -> "Cluster":
        try:
            self.start_actions()
            for index in range(len(self.replicas)):
                self.start_replica(index, wait=False)
            for index in range(len(self.replicas)):
                self.wait_replica(index)
            self.start_nginx()
        except BaseException:
            self.stop()
            raise
        return self

    def start_actions(self) -> None:
        self.actions = start_action_server(self.action_port, self.workdir / "actions.log", self.env)

    def start_replica(self, index: int, wait: bool = True) -> None:
        command = rasa_run_command(self.rasa_ports[index], self.endpoints, "credentials.yml", extra=self.rasa_args)
        self.replicas[index] = Process(f"rasa replica {index}", command, self.workdir / f"rasa-{index}.log", self.env)
        if wait:
            self.wait_replica(index)

    def wait_replica(self, index: int) -> None:
        wait_until_answering(self.replica_url(index), self.replicas[index])

    def kill_replica(self, index: int) -> None:
        """Kills a replica at once (SIGKILL), as a crash or an OOM kill would."""
        process = self.replicas[index]
        if process and process.alive():
            os.killpg(process.popen.pid, signal.SIGKILL)
            process.popen.wait()

    def nginx_config(self) -> str:
        servers = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in self.rasa_ports
        )
        text = NGINX_TEMPLATE.read_text(encoding="utf-8")
        for key, value in {
            "workdir": str(self.workdir),
            "servers": servers,
            "port": str(self.nginx_port),
            "max_body": self.max_body,
        }.items():
            text = text.replace("{{" + key + "}}", value)
        return text

    def start_nginx(self) -> None:
        config = self.workdir / "nginx.conf"
        config.write_text(self.nginx_config(), encoding="utf-8")
        self.nginx = Process(
            "nginx",
            [NGINX, "-c", str(config), "-p", str(self.workdir), "-g", "daemon off;"],
            self.workdir / "nginx.log",
            self.env,
        )
        wait_http(f"{self.url}/", self.nginx, 30)

    def stop(self) -> None:
        for process in [self.nginx] + list(self.replicas) + [self.actions]:
            if process:
                process.stop()


def main() -> int:
    replicas = int(os.environ.get("RASA_REPLICAS", "2"))
    workdir = Path(tempfile.mkdtemp(prefix="assistant-cluster-"))
    cluster = Cluster(workdir, replicas=replicas)
    print(f"Starting {replicas} Rasa replicas, the action server and nginx (logs in {workdir})...", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        cluster.start()
        print(
            f"\n  The assistant is up behind nginx: {cluster.url}/webhooks/rest/webhook\n"
            f"  Replicas: {', '.join(cluster.replica_url(i) for i in range(replicas))}\n"
            f"  Tracker store: PostgreSQL {cluster.env['DB_HOST']}:{cluster.env['DB_PORT']}/"
            f"{cluster.env['DB_NAME']}; lock store: Redis {cluster.env['REDIS_HOST']}:"
            f"{cluster.env['REDIS_PORT']}/{cluster.env['REDIS_DB']}\n  Press Ctrl-C to stop.\n",
            flush=True,
        )
        while all(p and p.alive() for p in [cluster.nginx, cluster.actions] + cluster.replicas):
            time.sleep(1)
        print("A server exited; stopping the cluster.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        print("Stopping the cluster...", flush=True)
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
