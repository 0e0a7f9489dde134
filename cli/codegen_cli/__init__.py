"""Command-line client of the Serverless Codegen HTTP API."""
