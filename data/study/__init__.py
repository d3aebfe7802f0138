"""The study: its published figures computed from any dataset, their comparison with the reference
file, and the deterministic reconstruction of the bundled dataset from them. Builds on the data
core; the core never imports it."""
