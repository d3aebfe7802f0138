"""Everything between the data and the user: pure charts (charts/), exports (exports/),
briefing mode (projector/), the Flask edge (web/) and the Dash layer (dashboard/)."""
