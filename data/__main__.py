"""Command line: python -m data {validate,figures,reconstruct,codebook,geometry,generate}."""

from data.cli import main

raise SystemExit(main())
