"""Vabamorf, estnltk's Estonian morphology engine, loaded without the rest of estnltk.

`import estnltk.vabamorf.morf` first runs estnltk's own package, which loads its
text-layer machinery (pandas and more) in every process that needs Vabamorf, for
nothing, since only Vabamorf is used (the cost is measured in README.md's Speed
section). Vabamorf's own folder in estnltk 1.7.4 (the SWIG extension, its Python
wrapper and the dictionaries) imports nothing else from estnltk, so it is loaded
here from estnltk's installed files as a package of its own, PACKAGE. With the
patch off, morphology/vabamorf.py imports `estnltk.vabamorf.morf` as usual.
"""

import importlib.util
import sys
from pathlib import Path

from patches import Undo

PACKAGE = "_vabamorf_of_estnltk"


def load_vabamorf_alone() -> Undo:
    """Loads estnltk's vabamorf folder as the package PACKAGE (its module `PACKAGE.morf`)."""
    if PACKAGE not in sys.modules:
        estnltk = importlib.util.find_spec("estnltk")  # finds the installed package without running it
        if estnltk is None or estnltk.origin is None:
            raise ImportError("estnltk is not installed: run `make run` or `make test`, which install requirements.txt")
        folder = Path(estnltk.origin).parent / "vabamorf"
        spec = importlib.util.spec_from_file_location(
            PACKAGE, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )
        if spec is None or spec.loader is None:
            raise ImportError(f"estnltk's Vabamorf is not where estnltk 1.7.4 keeps it: {folder}")
        package = importlib.util.module_from_spec(spec)
        sys.modules[PACKAGE] = package
        try:
            spec.loader.exec_module(package)
        except BaseException:
            del sys.modules[PACKAGE]
            raise

    def undo() -> None:
        """Forgets the package: the next Vabamorf is estnltk's own (objects made meanwhile keep working)."""
        for name in [name for name in sys.modules if name == PACKAGE or name.startswith(PACKAGE + ".")]:
            del sys.modules[name]

    return undo
