"""The Flask edge: the request guard, precompressed static files, the browser's payload and the
routes of the pages outside Dash. No Dash."""
