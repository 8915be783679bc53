"""Fixtures of the production-profile tests.

`secured_assistant` is one Rasa replica of the production profile (PostgreSQL
tracker store in a fresh test database, Redis lock store under its own key
prefix) with the HTTP API on behind a JWT secret and a token, CORS for one
origin and the 256 kB request size limit, plus its action server. The
bad-input and security tests share it, addressing Rasa directly (not through
nginx, which would hide Rasa's own checks), so that Rasa starts once for both.
"""

import secrets

import pytest

from deploy.cluster import Cluster
from stack.namespace import ConversationNamespace
from tests.servers import RestClient

ALLOWED_ORIGIN = "https://www.example.ee"


class SecuredServer(RestClient):
    """The single replica of a Cluster, spoken to directly."""

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.url = cluster.replica_url(0)
        self.action_port = cluster.action_port


@pytest.fixture(scope="package")
def api_secrets():
    return {"jwt": secrets.token_hex(32), "token": secrets.token_hex(24)}


@pytest.fixture(scope="package")
def secured_assistant(tmp_path_factory, api_secrets):
    namespace = ConversationNamespace()
    cluster = Cluster(
        tmp_path_factory.mktemp("secured"),
        replicas=1,
        env=namespace.env,
        rasa_args=[
            "--enable-api",
            "--jwt-secret",
            api_secrets["jwt"],
            "--jwt-method",
            "HS256",
            "--auth-token",
            api_secrets["token"],
            "--cors",
            ALLOWED_ORIGIN,
        ],
    )
    try:
        cluster.start()
        yield SecuredServer(cluster)
    finally:
        cluster.stop()
        namespace.drop()
