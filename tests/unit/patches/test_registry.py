"""patches/__init__.py: every patch has its switch, refuses another version of its package
in one log line (patching nothing), and can be undone, leaving the libraries as released."""

import logging
from typing import Any, Callable, Dict, List, Tuple

import engineio.packet
import pytest
import rasa.core.actions.action
import rasa.core.processor
from rasa.core.actions.action import RemoteAction
from rasa.engine.graph import GraphSchema
from rasa.shared.core.events import Event
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.tensorflow.models import RasaModel
from sanic_jwt.authentication import Authentication

import patches
from channels.socketio_checks import CheckedJson
from patches.engineio import RELEASED_PACKET


class Engine:
    """Stands in for engineio.AsyncServer: the one attribute `polling_check` changes."""

    async def handle_request(self, request: Any) -> str:
        return "handled"


ENGINE = Engine()

# What each patch changes: (owner, attribute). Each of these is Rasa's (or python-engineio's) own until patched.
CHANGES: Dict[str, Tuple[Any, str]] = {
    "diet_load": (RasaModel, "load"),
    "action_check": (RemoteAction, "_validate_action_result"),
    "graph_walks": (GraphSchema, "minimal_graph_schema"),
    "kept_sessions": (EndpointConfig, "session"),
    "debug_copies": (rasa.core.processor, "copy"),
    "event_types": (Event, "resolve_by_type"),
    "action_timeout": (rasa.core.actions.action, "DEFAULT_REQUEST_TIMEOUT"),
    "jwt_refusal": (Authentication, "_decode"),
    "engineio_json": (RELEASED_PACKET, "json"),
    "engineio_packets": (engineio.packet, "Packet"),
    "polling_check": (ENGINE, "handle_request"),
}
ARGUMENTS: Dict[str, Tuple[Any, ...]] = {
    "engineio_json": (CheckedJson,),
    "polling_check": (ENGINE, lambda request: None),
}
MISSING = object()


def state() -> Dict[str, Any]:
    """What each owner itself holds under each changed attribute (MISSING: nothing of its own)."""
    return {name: vars(owner).get(attribute, MISSING) for name, (owner, attribute) in CHANGES.items()}


def apply(name: str) -> bool:
    return patches.apply(name, *ARGUMENTS.get(name, ()))


def apply_everything() -> List[str]:
    return [name for name in CHANGES if apply(name)]


def changed(before: Dict[str, Any]) -> List[str]:
    now = state()
    return [name for name in CHANGES if now[name] is not before[name]]


def test_every_patch_is_listed_with_its_switch_and_a_function_to_apply_it():
    assert sorted(CHANGES) == sorted(p.name for p in patches.PATCHES if p.name != "vabamorf")
    for patch in patches.PATCHES:
        assert patch.switch == "RASA_PATCH_" + patch.name.upper()
        module = __import__(patch.module, fromlist=[patch.function])
        assert callable(getattr(module, patch.function)), patch


def test_the_installed_packages_are_the_versions_the_patches_were_written_for():
    """When requirements move on, this fails first: each patch then has to be checked against the new release."""
    for patch in patches.PATCHES:
        assert patches.installed_version(patch.package) == patch.version, patch


def test_the_patches_as_released_are_the_libraries_own():
    released = state()
    assert released["diet_load"].__func__.__module__ == "rasa.utils.tensorflow.models"
    assert released["action_check"].__module__ == "rasa.core.actions.action"
    assert released["graph_walks"].__module__ == "rasa.engine.graph"
    assert released["kept_sessions"].__module__ == "rasa.utils.endpoints"
    assert released["debug_copies"].__name__ == "copy"
    assert released["event_types"].__func__.__module__ == "rasa.shared.core.events"
    assert released["action_timeout"] == 300
    assert released["engineio_json"].__name__ == "engineio.json"
    assert released["engineio_packets"] is RELEASED_PACKET and RELEASED_PACKET.__module__ == "engineio.packet"
    assert released["polling_check"] is MISSING  # the class's method


def test_each_patch_changes_what_it_names_and_undo_puts_back_the_libraries_as_released():
    released = state()
    assert apply_everything() == list(CHANGES)
    assert changed(released) == list(CHANGES)
    assert patches.applied() == list(CHANGES)
    patches.undo_all()
    assert changed(released) == []
    assert patches.applied() == []
    assert engineio.packet.Packet.json.__name__ == "engineio.json"


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_undo_of_one_patch_puts_back_only_what_it_changed(name):
    released = state()
    apply_everything()
    patches.undo(name)
    assert name not in changed(released)
    assert sorted(changed(released)) == sorted(set(CHANGES) - {name})


def test_a_patch_is_applied_once():
    released = state()
    assert apply("event_types") and apply("event_types")
    patched = vars(Event)["resolve_by_type"]
    assert apply("event_types") and vars(Event)["resolve_by_type"] is patched
    patches.undo("event_types")
    assert vars(Event)["resolve_by_type"] is released["event_types"]


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_its_switch_keeps_one_patch_out(name, monkeypatch):
    released = state()
    monkeypatch.setenv(patches.BY_NAME[name].switch, "off")
    assert not apply(name)
    assert apply_everything() == [n for n in CHANGES if n != name]
    assert changed(released) == [n for n in CHANGES if n != name]


@pytest.mark.parametrize("value", ["off", "OFF", " false ", "no", "0"])
def test_rasa_patches_off_keeps_every_patch_out(value, monkeypatch):
    released = state()
    monkeypatch.setenv("RASA_PATCHES", value)
    assert patches.apply_rasa_patches() == []
    assert apply_everything() == []
    assert not patches.apply("vabamorf")
    assert changed(released) == []


@pytest.mark.parametrize("value", ["on", "", "1", "yes"])
def test_other_values_leave_the_patches_on(value, monkeypatch):
    monkeypatch.setenv("RASA_PATCHES", value)
    monkeypatch.setenv("RASA_PATCH_DIET_LOAD", value)
    assert apply_everything() == list(CHANGES)


def test_rasa_hot_paths_off_the_former_switch_keeps_the_six_speed_patches_out(monkeypatch):
    monkeypatch.setenv("RASA_HOT_PATHS", "off")
    assert patches.apply_rasa_patches() == ["action_timeout"]


def test_the_rasa_patches_are_applied_together_and_say_so_in_one_line(monkeypatch, caplog):
    monkeypatch.setenv("RASA_PATCH_KEPT_SESSIONS", "off")
    with caplog.at_level(logging.INFO, logger="patches"):
        done = patches.apply_rasa_patches()
    assert done == ["diet_load", "action_check", "graph_walks", "debug_copies", "event_types", "action_timeout"]
    assert [r.getMessage() for r in caplog.records if r.name == "patches"] == [
        "Patched rasa 3.6.21: diet_load, action_check, graph_walks, debug_copies, event_types, action_timeout; "
        "switched off: kept_sessions (RASA_PATCH_KEPT_SESSIONS=off)."
    ]


def fake_versions(monkeypatch: pytest.MonkeyPatch, package: str, found: Any) -> None:
    real: Callable[[str], Any] = patches.installed_version
    monkeypatch.setattr(patches, "installed_version", lambda name: found if name == package else real(name))


@pytest.mark.parametrize(
    "package, found, shown", [("rasa", "3.6.22", "3.6.22"), ("rasa", "3.7.0", "3.7.0"), ("rasa", None, "not installed")]
)
def test_another_rasa_is_not_patched_and_one_warning_line_says_so(package, found, shown, monkeypatch, caplog):
    released = state()
    fake_versions(monkeypatch, package, found)
    with caplog.at_level(logging.DEBUG, logger="patches"):
        assert patches.apply_rasa_patches() == []
        assert not patches.apply("action_timeout")  # as the guard policy asks again: no second line
        assert patches.apply_rasa_patches() == []
    assert changed(released) == [] and patches.applied() == []
    lines = [r for r in caplog.records if r.name == "patches"]
    assert len(lines) == 1 and lines[0].levelno == logging.WARNING
    assert lines[0].getMessage() == (
        "Not patching rasa: its patches (diet_load, action_check, graph_walks, kept_sessions, debug_copies, "
        f"event_types, action_timeout) were written for rasa 3.6.21, found {shown}; it runs as released."
    )


def test_another_python_engineio_is_not_patched_and_one_warning_line_says_so(monkeypatch, caplog):
    released = state()
    fake_versions(monkeypatch, "python-engineio", "4.16.0")
    with caplog.at_level(logging.DEBUG, logger="patches"):
        assert apply_everything() == [n for n in CHANGES if patches.BY_NAME[n].package != "python-engineio"]
    assert changed(released) == [n for n in CHANGES if patches.BY_NAME[n].package != "python-engineio"]
    warnings = [r.getMessage() for r in caplog.records if r.name == "patches" and r.levelno == logging.WARNING]
    assert warnings == [
        "Not patching python-engineio: its patches (engineio_json, engineio_packets, polling_check) were written "
        "for python-engineio 4.15.1, found 4.16.0; it runs as released."
    ]


def test_another_estnltk_gets_no_vabamorf_loader(monkeypatch, caplog):
    fake_versions(monkeypatch, "estnltk", "1.7.5")
    with caplog.at_level(logging.WARNING, logger="patches"):
        assert not patches.apply("vabamorf")
    assert [r.getMessage() for r in caplog.records if r.name == "patches"] == [
        "Not patching estnltk: its patches (vabamorf) were written for estnltk 1.7.4, found 1.7.5; it runs as released."
    ]


def test_replace_puts_back_an_attribute_an_object_did_not_have_of_its_own():
    class Owner:
        inherited = "class"

    owner = Owner()
    undo = patches.replace(owner, "inherited", "own")
    assert owner.inherited == "own"
    undo()
    assert owner.inherited == "class" and "inherited" not in vars(owner)


def test_a_patch_that_fails_leaves_none_of_its_group_applied(monkeypatch):
    import patches.rasa_speed

    def broken() -> patches.Undo:
        raise RuntimeError("the internals moved")

    monkeypatch.setattr(patches.rasa_speed, "remember_minimal_graphs", broken)
    patches.undo_all()
    with pytest.raises(RuntimeError, match="the internals moved"):
        patches.apply_rasa_patches()
    assert [name for name in patches.applied() if patches.BY_NAME[name].group == "rasa"] == []


def test_a_jwt_of_another_algorithm_is_an_undecodable_token_once_patched():
    """sanic-jwt answers DecodeError with 401; PyJWT's InvalidAlgorithmError ("alg": "none")
    reached Sanic as a 500 before the patch."""
    import asyncio

    import jwt

    class Config:
        def leeway(self) -> int:
            return 0

        def verify_exp(self) -> bool:
            return True

        def __contains__(self, key: str) -> bool:
            return False

    class Auth:
        claims: List[str] = []
        config = Config()
        _extra_verifications: List[Any] = []
        _custom_claims: List[Any] = []

        async def _get_secret(self, token: Any = None) -> str:
            return "secret"

        def _get_algorithm(self) -> str:
            return "HS256"

    unsigned = jwt.encode({"user": {"username": "alice", "role": "admin"}}, None, algorithm="none")

    def decode() -> Any:
        return asyncio.run(Authentication._decode(Auth(), unsigned))  # type: ignore[arg-type]

    patches.undo("jwt_refusal")  # (an earlier test may have applied it; the fixture puts it back)
    with pytest.raises(jwt.exceptions.InvalidAlgorithmError):
        decode()  # sanic-jwt as released
    assert patches.apply("jwt_refusal")
    with pytest.raises(jwt.exceptions.DecodeError):
        decode()
    signed = jwt.encode({"user": {"username": "alice"}}, "secret", algorithm="HS256")
    assert asyncio.run(Authentication._decode(Auth(), signed))["user"]["username"] == "alice"  # type: ignore[arg-type]
