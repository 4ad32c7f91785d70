"""What changed in the letter's text since it was initialled: the paragraphs that differ, each with
the words removed and added, for the page to show with ``<del>`` and ``<ins>``."""

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "removed" or "added"
    text: str


def _words(before: str, after: str) -> list[Piece]:
    old, new = before.split(" "), after.split(" ")
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", " ".join(new[j1:j2])))
    return pieces


def paragraphs_changed(before: str, after: str) -> list[list[Piece]]:
    """Each paragraph that was changed, removed or added, as pieces; unchanged paragraphs are left out."""
    old, new = before.split("\n\n"), after.split("\n\n")
    changed: list[list[Piece]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            changed += [_words(a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]
            continue
        changed += [[Piece("removed", paragraph)] for paragraph in old[i1:i2]]
        changed += [[Piece("added", paragraph)] for paragraph in new[j1:j2]]
    return changed
