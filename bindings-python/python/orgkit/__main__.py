"""`python -m orgkit serve ...`: the same as the `orgkit` command."""

from ._server import main

raise SystemExit(main())
