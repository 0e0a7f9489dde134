"""Route groups of the HTTP API (Powertools Routers)."""
