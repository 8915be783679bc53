"""Each test starts with every patch switch unset and no patch applied, and leaves the patches as it found them."""

import os
from typing import Iterator

import pytest

import patches


@pytest.fixture(autouse=True)
def patches_as_found(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for variable in list(os.environ):
        if variable == patches.ALL_SWITCH or variable.startswith(patches.SWITCH_PREFIX) or variable in patches.ALIASES:
            monkeypatch.delenv(variable)
    # Each test starts with the libraries as released (earlier tests elsewhere may have
    # applied some patches: loading Vabamorf applies its loader) and ends with the
    # process-wide patches as found (per-target ones belonged to earlier tests' objects).
    before = [name for name in patches.applied() if not patches.BY_NAME[name].per_target]
    patches.undo_all()
    refused = set(patches._refused)
    yield
    patches.undo_all()
    for name in before:
        patches.apply(name)
    patches._refused.clear()
    patches._refused.update(refused)
