"""Cramp Menu: weekly menus rich in the minerals muscle cramps are linked to."""

__version__ = "0.1.0"
