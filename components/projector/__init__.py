"""Briefing mode (/brief): the story's scenes and the page that shows them on a projector. No
Dash."""
