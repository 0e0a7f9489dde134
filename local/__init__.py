"""The embedded local stack (DESIGN §8): moto in-process, built from template.yaml. Never deployed."""
