"""Small wrappers around the AWS APIs the domain calls (one client per service, created lazily)."""
