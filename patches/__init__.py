"""Every change this project makes to its libraries' internals, in one registry.

Each patch is written for one exact version of one package (`Patch.package`,
`Patch.version`) and is applied only explicitly, by the code that needs it:

- the Rasa patches (group "rasa": patches/rasa_speed.py, patches/action_timeout.py;
  group "http_api": patches/jwt_refusal.py, for the sanic-jwt of Rasa's HTTP API)
  by components/rasa_patches.py, the first component of config.yml's pipeline, when
  Rasa loads the model, so before any other component (DIETClassifier among them);
  the action-server timeout also by the policy that relies on it
  (components/action_server_guard.py);
- the engine.io patches (patches/engineio.py) by the socket.io channel
  (channels/socketio.py) when it builds its blueprint;
- the Vabamorf loader (patches/vabamorf.py) by morphology/vabamorf.py.

Switches, read each time a patch is applied (values off, false, no, 0):
`RASA_PATCH_<NAME>=off` keeps one patch out (`RASA_PATCH_DIET_LOAD=off`);
`RASA_PATCHES=off` keeps them all out, so every library runs as released;
`RASA_HOT_PATHS=off`, the older name, keeps the six speed patches out.

The version guard: a patch whose package is installed in another version than
the one it was written for is not applied, and one warning line per package
says so (package, expected and found version). Patched code can be undone
(`undo()`), which puts back the attributes as they were.

This module imports nothing but the standard library; each patch's module is
imported when the patch is applied.
"""

import importlib
import importlib.metadata
import logging
import os
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Mapping, Optional, Set, Tuple

logger = logging.getLogger(__name__)

Undo = Callable[[], None]

ALL_SWITCH = "RASA_PATCHES"
SWITCH_PREFIX = "RASA_PATCH_"
OFF = ("off", "false", "no", "0")


@dataclass(frozen=True)
class Patch:
    name: str  # its switch is RASA_PATCH_<NAME>
    package: str  # the distribution it changes, as importlib.metadata names it
    version: str  # the exact version of `package` it was written for
    module: str  # where its function is ...
    function: str  # ... which applies it and returns the undo
    group: str  # applied together by apply_group()
    what: str  # one line, for logs and docs
    per_target: bool = False  # applied to each object passed to apply(), not once per process

    @property
    def switch(self) -> str:
        return f"{SWITCH_PREFIX}{self.name.upper()}"


RASA = ("rasa", "3.6.21")
ENGINEIO = ("python-engineio", "4.15.1")
SANIC_JWT = ("sanic-jwt", "1.8.0")
ESTNLTK = ("estnltk", "1.7.4")

# fmt: off
PATCHES: Tuple[Patch, ...] = (
    Patch("diet_load", *RASA, "patches.rasa_speed", "load_models_without_compiling_a_training_step", "rasa",
          "DIET's weights are created by one eager training step when the model is loaded, not a compiled one"),
    Patch("action_check", *RASA, "patches.rasa_speed", "compile_action_response_check", "rasa",
          "the action server's answers are checked against a schema compiled once"),
    Patch("graph_walks", *RASA, "patches.rasa_speed", "remember_minimal_graphs", "rasa",
          "the nodes each graph run needs are worked out once per graph"),
    Patch("kept_sessions", *RASA, "patches.rasa_speed", "keep_endpoint_sessions", "rasa",
          "calls to the action server reuse one HTTP session and its connections"),
    Patch("debug_copies", *RASA, "patches.rasa_speed", "copy_only_for_debug_lines", "rasa",
          "the message processor copies values for debug lines only when it logs at debug level"),
    Patch("event_types", *RASA, "patches.rasa_speed", "remember_event_types", "rasa",
          "each event type name is looked up once"),
    Patch("action_timeout", *RASA, "patches.action_timeout", "limit_action_server_wait", "rasa",
          "Rasa waits ACTION_SERVER_TIMEOUT seconds (1.5) for the action server, not 5 minutes"),
    Patch("jwt_refusal", *SANIC_JWT, "patches.jwt_refusal", "refuse_tokens_of_another_algorithm", "http_api",
          "a JWT of another algorithm (\"alg\": \"none\") is refused with 401, not a 500"),
    Patch("engineio_json", *ENGINEIO, "patches.engineio", "decode_with", "engineio",
          "engine.io decodes JSON messages with the channel's checked JSON module"),
    Patch("engineio_packets", *ENGINEIO, "patches.engineio", "tolerate_bad_packets", "engineio",
          "an engine.io packet that cannot be decoded is a no-op, not a traceback and a dropped connection"),
    Patch("polling_check", *ENGINEIO, "patches.engineio", "check_polling_requests", "engineio",
          "a long-polling POST is checked before engine.io handles it", per_target=True),
    Patch("vabamorf", *ESTNLTK, "patches.vabamorf", "load_vabamorf_alone", "vabamorf",
          "Vabamorf is loaded from estnltk's files without running estnltk's package"),
)
# fmt: on
BY_NAME: Dict[str, Patch] = {patch.name: patch for patch in PATCHES}

# The former switch of components/hot_paths.py, for the six patches it held.
ALIASES: Dict[str, Tuple[str, ...]] = {
    "RASA_HOT_PATHS": ("diet_load", "action_check", "graph_walks", "kept_sessions", "debug_copies", "event_types"),
}

_undos: Dict[str, List[Undo]] = {}
_refused: Set[Tuple[str, Optional[str]]] = set()  # (package, version found) already warned about


def replace(owner: Any, attribute: str, value: Any) -> Undo:
    """Sets `owner.attribute` (a module's, a class's or an object's own) to `value`; the
    returned function puts back what `owner` itself held (or removes what it did not hold)."""
    own = vars(owner)
    had, original = attribute in own, own.get(attribute)
    setattr(owner, attribute, value)

    def undo() -> None:
        if had:
            setattr(owner, attribute, original)
        elif attribute in vars(owner):
            delattr(owner, attribute)

    return undo


def installed_version(package: str) -> Optional[str]:
    """The installed version of `package`, None when it is not installed."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def _is_off(value: Optional[str]) -> bool:
    return value is not None and value.strip().lower() in OFF


def switched_off_by(patch: Patch, environ: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """The variable that switches `patch` off, or None when it is on."""
    env = os.environ if environ is None else environ
    aliases = [alias for alias, names in ALIASES.items() if patch.name in names]
    return next((v for v in (ALL_SWITCH, patch.switch, *aliases) if _is_off(env.get(v))), None)


def version_matches(patch: Patch) -> bool:
    """True when `patch.package` is installed in the version the patch was written for;
    otherwise False, and one warning line per package and process says so."""
    found = installed_version(patch.package)
    if found == patch.version:
        return True
    if (patch.package, found) not in _refused:
        _refused.add((patch.package, found))
        names = ", ".join(p.name for p in PATCHES if p.package == patch.package)
        logger.warning(
            "Not patching %s: its patches (%s) were written for %s %s, found %s; it runs as released.",
            patch.package,
            names,
            patch.package,
            patch.version,
            found or "not installed",
        )
    return False


def apply(name: str, *args: Any) -> bool:
    """Applies the patch `name` (passing it `args`) unless it is switched off or its package
    is installed in another version. True when the patch is in place (now or already)."""
    patch = BY_NAME[name]
    if name in _undos and not patch.per_target:
        return True
    if switched_off_by(patch) or not version_matches(patch):
        return False
    function: Callable[..., Undo] = getattr(importlib.import_module(patch.module), patch.function)
    undo_it = function(*args)  # stored only once the patch is in place
    _undos.setdefault(name, []).append(undo_it)
    logger.debug("Patched %s %s: %s", patch.package, patch.version, patch.what)
    return True


def apply_group(group: str) -> List[str]:
    """Applies every patch of `group` that is on; logs one line of what was done. The names applied."""
    members = [patch for patch in PATCHES if patch.group == group]
    matching = {patch.package: version_matches(patch) for patch in members}  # one warning per package
    done: List[str] = []
    try:
        for patch in members:
            if matching[patch.package] and apply(patch.name):
                done.append(patch.name)
    except Exception:
        # All or nothing: a patch that fails leaves none of its group half-applied.
        for name in reversed(done):
            undo(name)
        logger.error("Could not apply the %s patches; those applied are undone.", group)
        raise
    off = {
        patch.name: variable
        for patch in members
        if matching[patch.package] and patch.name not in done and (variable := switched_off_by(patch))
    }
    packages = ", ".join(dict.fromkeys(f"{patch.package} {patch.version}" for patch in members))
    if done:
        left_out = "; switched off: " + ", ".join(f"{n} ({v}=off)" for n, v in off.items()) if off else ""
        logger.info("Patched %s: %s%s.", packages, ", ".join(done), left_out)
    elif off:
        switches = ", ".join(f"{variable}=off" for variable in dict.fromkeys(off.values()))
        logger.info("Not patching %s: switched off (%s); it runs as released.", packages, switches)
    return done


def apply_rasa_patches() -> List[str]:
    """The Rasa patches, as components/rasa_patches.py applies them when the model loads."""
    return apply_group("rasa")


def apply_http_api_patches() -> List[str]:
    """The patches of Rasa's HTTP API (sanic-jwt), which components/rasa_patches.py also applies."""
    return apply_group("http_api")


def applied() -> List[str]:
    """The names of the patches in place, in the order they were applied."""
    return list(_undos)


def is_applied(name: str) -> bool:
    return name in _undos


def undo(name: str) -> None:
    """Puts back what the patch `name` changed (every target of a per-target patch)."""
    for undo_one in reversed(_undos.pop(name, [])):
        undo_one()


def undo_all() -> None:
    """Puts back everything, the latest patch first: every library as released."""
    for name in reversed(list(_undos)):
        undo(name)
