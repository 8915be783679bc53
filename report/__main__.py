"""`python -m report [--endpoints endpoints.yml]`: prints the conversation report.

Per language: the most frequent unanswered or low-confidence questions, with
counts, and the helpful / not helpful ratings per knowledge entry. Bad input
(no endpoints file, no tracker store, an empty one) ends with one line on
stderr and exit status 1, never a traceback.
"""

import argparse
import sys
import warnings
from pathlib import Path
from typing import List, Optional

from common.names import HELPFUL, NOT_HELPFUL
from languages import LANGUAGE_NAMES, LANGUAGES
from report.analysis import Report, build_report
from report.store import ReportError, events, store_from_endpoints


def render(report: Report, where: str, top: int) -> str:
    lines: List[str] = [
        f"Conversation report: {where}",
        f"{report.conversations} conversations, {report.questions} typed questions.",
        "",
    ]
    for code in LANGUAGES:
        language = report.languages[code]
        lines += [
            f"== {LANGUAGE_NAMES[code]} ({code}) ==",
            "Unanswered or low-confidence questions, most frequent first:",
        ]
        questions = language.top_questions(top)
        lines += [f"  {count:5d}  {why:<28}  {text}" for count, why, text in questions] or ["  (none)"]
        lines.append("Ratings per knowledge entry:")
        if language.ratings:
            lines.append(f"  {'entry':<24}  {'helpful':>7}  {'not helpful':>11}")
            for entry in sorted(language.ratings):
                counts = language.ratings[entry]
                lines.append(f"  {entry:<24}  {counts[HELPFUL]:>7}  {counts[NOT_HELPFUL]:>11}")
        else:
            lines.append("  (none)")
        lines.append("")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="make report", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--endpoints",
        default="endpoints.yml",
        type=Path,
        help="the endpoints file whose tracker_store to read (default: endpoints.yml)",
    )
    parser.add_argument("--top", type=int, default=20, help="how many questions to list per language")
    parser.add_argument(
        "--low-confidence",
        type=float,
        default=0.6,
        help="an answered question whose intent confidence is below this is listed",
    )
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")  # library deprecation notes are not the user's business
    try:
        store = store_from_endpoints(args.endpoints)
        report = build_report(events(store), args.low_confidence)
    except ReportError as error:
        print(f"report: {error}", file=sys.stderr)
        return 1
    if not report.conversations:
        print(f"report: The tracker store ({store.description}) holds no conversations yet.", file=sys.stderr)
        return 1
    print(render(report, store.description, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
