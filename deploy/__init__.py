"""What a deployment is made of (nginx site, compose file, shared settings), and the helper
that runs the shipped nginx site on loopback for the tests and benches (local_nginx.py)."""
