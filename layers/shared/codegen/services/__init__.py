"""Domain services: the rules of sessions, jobs, questioning, worker slots and generation."""
