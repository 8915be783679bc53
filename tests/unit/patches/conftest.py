"""Each test starts with every patch switch unset and leaves the patches as it found them."""

import os
from typing import Iterator

import pytest

import patches


@pytest.fixture(autouse=True)
def patches_as_found(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for variable in list(os.environ):
        if variable == patches.ALL_SWITCH or variable.startswith(patches.SWITCH_PREFIX) or variable in patches.ALIASES:
            monkeypatch.delenv(variable)
    before = patches.applied()
    refused = set(patches._refused)
    yield
    for name in reversed(patches.applied()):
        if name not in before:
            patches.undo(name)
    for name in before:  # those a test undid (undo_all()), put back; per-target ones belong to their target
        if name not in patches.applied() and not patches.BY_NAME[name].per_target:
            patches.apply(name)
    patches._refused.clear()
    patches._refused.update(refused)
