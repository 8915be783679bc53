"""Vabamorf, estnltk's Estonian morphology engine, as one instance per process.

By default it is loaded without the rest of estnltk (the `vabamorf` patch,
patches/vabamorf.py: estnltk's package loads pandas and its text layers, which
only cost time and memory here). With that patch off (`RASA_PATCH_VABAMORF=off`
or `RASA_PATCHES=off`) or on another estnltk than the one it was written for, it
is estnltk's own `estnltk.vabamorf.morf`.
"""

import importlib
from typing import Any

import patches


def vabamorf() -> Any:
    """The Vabamorf instance (analyze, synthesize, spellcheck), loaded once per process."""
    if patches.apply("vabamorf"):
        from patches.vabamorf import PACKAGE

        morf = importlib.import_module(f"{PACKAGE}.morf")
    else:  # estnltk as released: `import estnltk.vabamorf.morf`
        morf = importlib.import_module("estnltk.vabamorf.morf")
    return morf.Vabamorf.instance()
