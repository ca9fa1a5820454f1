"""One router per area: system (health), matching (yente-compatible), cases, text."""
