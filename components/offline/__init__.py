"""The dashboard in one file (bundle.py, cli.py): the app's own scripts and payloads written into
an HTML page that works from file:// with no server and no network."""
