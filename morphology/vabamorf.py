"""Vabamorf, estnltk's Estonian morphology engine, loaded without the rest of estnltk.

`import estnltk.vabamorf.morf` first runs estnltk's own package, which loads its
text-layer machinery (pandas and more): measured here, about 2.4 s and 200 MB in
every Rasa process, for nothing, since only Vabamorf is used. Vabamorf's own
folder (the SWIG extension, its Python wrapper and the dictionaries) imports
nothing else from estnltk, so it is loaded here from estnltk's installed files
as a package of its own.
"""

import importlib
import importlib.util
import sys
from pathlib import Path
from typing import Any

PACKAGE = "_vabamorf_of_estnltk"


def vabamorf() -> Any:
    """The Vabamorf instance (analyze, synthesize, spellcheck), loaded once per process."""
    if PACKAGE not in sys.modules:
        estnltk = importlib.util.find_spec("estnltk")  # finds the installed package without running it
        if estnltk is None or estnltk.origin is None:
            raise ImportError("estnltk is not installed: run `make run` or `make test`, which install requirements.txt")
        folder = Path(estnltk.origin).parent / "vabamorf"
        spec = importlib.util.spec_from_file_location(
            PACKAGE, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )
        package = importlib.util.module_from_spec(spec)
        sys.modules[PACKAGE] = package
        try:
            spec.loader.exec_module(package)
        except BaseException:
            del sys.modules[PACKAGE]
            raise
    return importlib.import_module(f"{PACKAGE}.morf").Vabamorf.instance()
