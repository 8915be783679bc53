"""PostgreSQL and Redis going away and coming back, with Rasa left running.

The assistant runs in the production profile with the RabbitMQ event broker
(deploy/endpoints.production-broker.yml; one replica behind nginx is enough here)
against its own throw-away PostgreSQL and Redis servers, so the tests can stop
and restart them without disturbing anyone else. While a store is down, each
message must fail within a bounded time (no hanging requests, no crash); once it
is back, the assistant must answer again within seconds, without a restart, and
the conversation must still be there.
"""

import asyncio
import json
import time
import uuid

import aio_pika
import pytest
import requests

from actions.phrasing import Phrases
from deploy.cluster import ROOT, Cluster
from languages import LANGUAGES
from stack.namespace import ConversationNamespace
from tests.system.production.services import PrivatePostgres, PrivateRedis

pytestmark = pytest.mark.e2e

BOUND_SECONDS = 30  # no request may take longer than this while a store is down
# The REST channel's apology when a store is down, in every language, one per line.
UNAVAILABLE = "\n".join(Phrases().text("service_unavailable", lang) for lang in LANGUAGES)


@pytest.fixture(scope="module")
def stores():
    postgres, cache = PrivatePostgres(), PrivateRedis()
    try:
        postgres.init()
        cache.start()
        yield postgres, cache
    finally:
        cache.destroy()
        postgres.destroy()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, stores):
    postgres, cache = stores
    namespace = ConversationNamespace(pg_port=postgres.port, redis_port=cache.port)
    broker = {
        "RABBITMQ_EXCHANGE": f"{namespace.key_prefix}-exchange",
        "RABBITMQ_QUEUE": f"{namespace.key_prefix}-events",
    }
    servers = Cluster(
        tmp_path_factory.mktemp("faults"),
        replicas=1,
        env=dict(namespace.env, **broker),
        endpoints=ROOT / "deploy" / "endpoints.production-broker.yml",
    )
    servers.start()
    try:
        yield servers
    finally:
        servers.stop()
        asyncio.run(rabbitmq_cleanup(broker["RABBITMQ_QUEUE"], broker["RABBITMQ_EXCHANGE"]))


AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"


async def rabbitmq_cleanup(queue: str, exchange: str) -> None:
    connection = await aio_pika.connect(AMQP_URL, timeout=10)
    async with connection:
        channel = await connection.channel()
        await channel.queue_delete(queue)
        await channel.exchange_delete(exchange)


async def published_user_texts(queue_name: str, sender: str, seconds: float) -> list:
    """Texts of the sender's user events found in the broker's queue within `seconds`."""
    connection = await aio_pika.connect(AMQP_URL, timeout=10)
    texts = []
    async with connection:
        channel = await connection.channel()
        queue = await channel.declare_queue(queue_name, passive=True)
        deadline = asyncio.get_running_loop().time() + seconds
        while asyncio.get_running_loop().time() < deadline:
            message = await queue.get(no_ack=True, fail=False)
            if message is None:
                if texts:
                    break
                await asyncio.sleep(0.2)
                continue
            event = json.loads(message.body)
            if event.get("sender_id") == sender and event.get("event") == "user":
                texts.append(event.get("text"))
    return texts


def test_events_are_published_to_rabbitmq(cluster):
    sender = start_conversation(cluster)
    texts = asyncio.run(published_user_texts(cluster.env["RABBITMQ_QUEUE"], sender, 20))
    assert texts == ["Kas Eestil on kaitseatašee Soomes?"]


def ask(cluster, sender: str, text: str):
    """(HTTP status or None when the connection failed, reply text, seconds taken)."""
    start = time.monotonic()
    try:
        response = requests.post(
            f"{cluster.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=BOUND_SECONDS + 30
        )
        text = "\n".join(m.get("text") or "" for m in response.json()) if response.ok else response.text
        return response.status_code, text, time.monotonic() - start
    except requests.RequestException as error:
        return None, repr(error), time.monotonic() - start


def wait_for_answers(cluster, sender: str, seconds: float) -> float:
    """Seconds until a neutral message is answered in the conversation's language (Estonian)."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        status, text, _ = ask(cluster, sender, "NATO?")
        if status == 200 and "liikmesriigina" in text:
            return time.monotonic() - start
        time.sleep(1)
    raise AssertionError(f"no answer within {seconds} s after the store came back: {status} {text[:200]}")


def start_conversation(cluster) -> str:
    sender = f"fault-{uuid.uuid4().hex}"
    status, text, _ = ask(cluster, sender, "Kas Eestil on kaitseatašee Soomes?")
    assert status == 200 and text.startswith("Jah"), (status, text)
    return sender


def test_redis_restart_gives_bounded_errors_and_recovers_without_restarting_rasa(cluster, stores):
    _, cache = stores
    sender = start_conversation(cluster)
    cache.stop()
    try:
        for _ in range(3):
            status, text, seconds = ask(cluster, sender, "NATO?")
            assert seconds < BOUND_SECONDS, seconds
            # Rasa cannot lock the conversation: the user is told so, in both languages.
            assert status == 200 and text == UNAVAILABLE, (status, text)
    finally:
        cache.start()
    assert wait_for_answers(cluster, sender, 30) < 30
    assert all(replica.alive() for replica in cluster.replicas)


def test_postgresql_restart_gives_bounded_errors_and_recovers_without_restarting_rasa(cluster, stores):
    postgres, _ = stores
    sender = start_conversation(cluster)
    # What a conversation without its history is answered: the reply a new sender gets (English, the default).
    status, without_history, _ = ask(cluster, f"fault-{uuid.uuid4().hex}", "NATO?")
    assert status == 200 and without_history.startswith("As a NATO member state"), (status, without_history)
    postgres.stop()
    try:
        for _ in range(2):
            status, text, seconds = ask(cluster, sender, "NATO?")
            assert seconds < BOUND_SECONDS, seconds
            assert "Traceback" not in text and "psycopg2" not in text and "sqlalchemy" not in text.lower()
            # The designed behaviour (docs/production.md, Known limits): Rasa's tracker store falls
            # back to memory for the request, so the user is answered, without the conversation's
            # history (so not in Estonian): not an error page, an empty reply or the apology.
            assert status == 200 and text == without_history, (status, text)
    finally:
        postgres.start()
    # The conversation is still there: the neutral message is answered in Estonian.
    assert wait_for_answers(cluster, sender, 60) < 60
    assert all(replica.alive() for replica in cluster.replicas)


def test_quick_postgresql_restart_between_messages_costs_at_most_one_error(cluster, stores):
    postgres, _ = stores
    sender = start_conversation(cluster)
    postgres.stop()
    postgres.start()
    results = [ask(cluster, sender, "NATO?") for _ in range(4)]
    failed = [r for r in results if not (r[0] == 200 and "liikmesriigina" in r[1])]
    assert len(failed) <= 1, results
