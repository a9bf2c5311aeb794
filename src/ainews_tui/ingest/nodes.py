"""The outline nodes that story extraction works on, and the limits it keeps to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

ROOT, PSEUDO, ENTRY = 0, 7, 8  # node levels; headings are 1-6
CAP = 2000  # characters of a line examined for structure: keeps hostile lines linear


class Lead(NamedTuple):
    """How a headline line opens; its shape decides whether it can head a story."""

    shape: str  # "link" | "bold" | "label" | "bare" (a link that is no headline) | "plain"
    head: str = ""  # Markdown of the headline
    url: str | None = None
    rest: str = ""  # Markdown after the headline on the same line
    numbered: bool = False


NO_LEAD = Lead("plain")


@dataclass(slots=True, eq=False)
class Node:
    """A heading, a pseudo-heading (a paragraph led by a bold or linked headline) or a
    top-level list entry, with the nodes it holds."""

    level: int
    start: int
    end: int
    text: str = ""  # heading text, or the line after the list marker
    col: int = 0  # list content column, to dedent the summary
    ordered: bool = False
    aside: bool = False  # an entry of a list that a first-person paragraph leads into
    lead: Lead = NO_LEAD
    children: list[Node] = field(default_factory=list)
    headline: str = ""
    key: str = ""  # the headline reduced to lower-case word characters
    numbered: bool = False
    edit: str = ""  # "" | "commentary" | "overview" | "title"
    derived: bool = False  # headline is the first sentence, not an element of its own
    overview: bool = False  # picked from under an overview
    section: str = ""  # the heading the story sits under
