"""Is a built file still what its inputs make? A digest of the inputs' contents.

`python -m tools.digest check NAME PATH...` exits 0 when the contents of the
PATHs (files, or folders taken whole) are the ones recorded for NAME, else 1.
`stage NAME PATH...` notes them before a build, `commit NAME` records the noted
digest once the build succeeded (so an edit made during a long training is seen
by the next check), and `save NAME PATH...` does both at once. Make decides by
modification times, so an edit that changes no input's content (an answer text
in knowledge.yml, after which nlu/knowledge_names.yml comes out the same) would
otherwise rebuild the spaCy pipeline and retrain the model. The Makefile checks
first and only touches the target when nothing it learns from changed.

What counts is what the code and data say, not how they are written: a Python
file is compared by its syntax tree without docstrings (a comment, a docstring or
a reformatting retrains nothing), a YAML file by the data it holds, read as Rasa
reads it (YAML 1.2; comments and layout aside, but key order and every type kept).
A file that does not parse is compared byte for byte.
It runs in about a second, before any heavy import.
"""

import ast
import hashlib
import sys
from pathlib import Path
from typing import Iterable, List

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "build" / "digests"
USAGE = "usage: python -m tools.digest check|stage|save NAME PATH... | commit NAME"


def files_of(paths: Iterable[str]) -> List[Path]:
    """Every file named, a folder's files in order; a missing path counts as a change."""
    found: List[Path] = []
    for name in sorted(set(paths)):
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file())
        else:
            found.append(path)
    return found


def without_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                node.body = node.body[1:] or [ast.Pass()]
    return tree


def meaning(path: Path) -> bytes:
    """What a file says: a Python file's syntax tree without docstrings, a YAML file's data, else its bytes."""
    raw = path.read_bytes()
    try:
        if path.suffix == ".py":
            return ast.dump(without_docstrings(ast.parse(raw))).encode()
        if path.suffix in (".yml", ".yaml"):
            reader = YAML(typ="safe", pure=True)
            reader.version = (1, 2)  # type: ignore[assignment]
            return repr(reader.load(raw)).encode()  # repr: "yes" and True, "010" and 10 stay apart
    except Exception:  # noqa: BLE001 — whatever does not parse is compared as it is
        pass
    return raw


def digest(paths: Iterable[str]) -> str:
    """One line per input: its path and the SHA-256 of what it says ("missing" when absent)."""
    lines = []
    for path in files_of(paths):
        content = hashlib.sha256(meaning(path)).hexdigest() if path.is_file() else "missing"
        lines.append(f"{content}  {path.as_posix()}")
    return "\n".join(lines) + "\n"


def record(name: str) -> Path:
    if not name or "/" in name or name.startswith("."):
        raise SystemExit(f"tools.digest: {name!r} is not a digest name (letters, digits, '-', no '/')")
    return FOLDER / f"{name}.sha256"


def main(argv: List[str]) -> int:
    if len(argv) == 2 and argv[0] == "commit":
        staged = record(argv[1]).with_suffix(".pending")
        if not staged.is_file():
            print(f"tools.digest: nothing staged for {argv[1]!r}", file=sys.stderr)
            return 2
        staged.replace(record(argv[1]))
        return 0
    if len(argv) < 3 or argv[0] not in ("check", "stage", "save"):
        print(USAGE, file=sys.stderr)
        return 2
    command, name, paths = argv[0], argv[1], argv[2:]
    target = record(name)
    current = digest(paths)
    if command == "check":
        return 0 if target.is_file() and target.read_text(encoding="utf-8") == current else 1
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_suffix(".pending")
    staged.write_text(current, encoding="utf-8")
    if command == "save":
        staged.replace(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
