"""What leaves the app: files (CSV/XLSX/JSON), images, the briefing pack, embeds. No Dash."""
