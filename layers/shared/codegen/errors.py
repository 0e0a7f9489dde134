"""Domain exceptions. The API maps them to HTTP errors in one place (codegen.http_errors)."""


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, message: str, details: list | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    """The resource is not in a state that allows the request (wrong status, lost a race)."""

    code = "conflict"


class InvalidAnswers(DomainError):
    code = "invalid_answers"


class GenerationError(DomainError):
    """The main agent could not produce the project; recorded on the job as generation_failed."""

    code = "generation_failed"


class InvalidRequest(DomainError):
    """A request that passed schema validation but is still not acceptable (e.g. a foreign next_token)."""

    code = "validation_error"


class AgentError(DomainError):
    """An agent provider failed or answered something unusable (recorded on the job as agent_failed)."""

    code = "agent_failed"
