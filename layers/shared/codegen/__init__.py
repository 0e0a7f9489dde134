"""Serverless Codegen shared layer: domain types, data access, services and agents."""
