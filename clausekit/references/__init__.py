"""References: the resolutions, decisions, document symbols, reports and conventions a clause cites."""
