"""`python -m planner`: the command-line interface."""

from planner.cli import main

raise SystemExit(main())
