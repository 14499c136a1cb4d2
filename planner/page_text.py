"""What the page shows as text: the names of the sidebar's choices, and `plain()` for text from a file,
a table or a person (Streamlit renders Markdown). Shared by the page's modules; no Streamlit here."""

from __future__ import annotations

import re

ACTIVITY_LABELS = {"inactive": "Inactive", "low_active": "Low active", "active": "Active",
                   "very_active": "Very active"}  # short: a long choice is cut off in the sidebar's box
ACTIVITY_HELP = ("Inactive: daily chores, little walking. Low active: about an hour of walking a day. Active: brisk "
                 "walking plus some sport. Very active: sport or hard work most days.")
DIET_LABELS = {"omnivore": "I eat everything", "pescatarian": "Pescatarian (fish, no meat)",
               "vegetarian": "Vegetarian", "vegan": "Vegan"}
ALLERGEN_LABELS = {"milk": "Milk", "egg": "Eggs", "fish": "Fish", "soy": "Soy", "tree_nuts": "Tree nuts",
                   "gluten": "Gluten (wheat, rye, barley, most oats)", "sesame": "Sesame"}
NONE = "–"  # what a table shows where it has no value (a dash, never the word 'None')
_MARKUP = re.compile(r"[!-/:-@\[-`{-~]")  # every ASCII punctuation mark: CommonMark lets each be escaped
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=://)|(?<=http)(?=://)|(?<=www)(?=\.)|(?=@)")
JOINER = "\u2060"  # an invisible word joiner


def plain(text) -> str:
    """Text from a file, a table or a person, shown as itself: no link, image, heading, HTML or colour.

    Streamlit renders Markdown (and its own :red[...] and $math$) in st.markdown, st.error, st.caption,
    st.table cells...; a backslash before each punctuation mark makes it a literal character, and line breaks
    become spaces so no line can start a heading or a list. GitHub's bare-URL links are found after escapes
    are undone, so an invisible joiner splits 'https://', 'www.' and 'a@b' where they would start one."""
    text = _AUTOLINK.sub(JOINER, " ".join(str(text).split()))
    return _MARKUP.sub(lambda m: "\\" + m.group(), text)


def queue_text(ahead: int | None, planning: str = "Planning your week…") -> str:
    """What the planning box says while a plan waits: `planning` once a planner has it (ahead is None), else its
    place in the queue ('Waiting for a free planner: 2 plans ahead of yours…')."""
    if ahead is None:
        return planning
    queued = f"{ahead} plan{'s' * (ahead != 1)} ahead of yours" if ahead else "yours is next"
    return f"Waiting for a free planner: {queued}…"
