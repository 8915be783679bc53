"""Is a built file still what its inputs make? A digest of the inputs' contents.

`python -m tools.digest check NAME PATH...` exits 0 when the contents of the
PATHs (files, or folders taken whole) are the ones recorded for NAME, else 1;
`python -m tools.digest save NAME PATH...` records them. Make decides by
modification times, so an edit that changes no input's content (an answer text
in knowledge.yml, after which nlu/knowledge_names.yml comes out the same) would
otherwise rebuild the spaCy pipeline and retrain the model. The Makefile checks
first and only touches the target when nothing it learns from changed.

What counts is what the code and data say, not how they are written: a Python
file is compared by its syntax tree without docstrings (a comment, a docstring or
a reformatting retrains nothing), a YAML file by the data it holds (comments and
layout aside). A file that does not parse is compared byte for byte.
It runs in about a second, before any heavy import.
"""

import ast
import hashlib
import json
import sys
from pathlib import Path
from typing import Iterable, List

import yaml

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "build" / "digests"
USAGE = "usage: python -m tools.digest check|save NAME PATH..."


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
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            return json.dumps(yaml.load(raw, Loader=loader), sort_keys=True, default=str).encode()
    except (SyntaxError, ValueError, yaml.YAMLError):
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
    if len(argv) < 3 or argv[0] not in ("check", "save"):
        print(USAGE, file=sys.stderr)
        return 2
    command, name, paths = argv[0], argv[1], argv[2:]
    target = record(name)
    current = digest(paths)
    if command == "check":
        return 0 if target.is_file() and target.read_text(encoding="utf-8") == current else 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(current, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
