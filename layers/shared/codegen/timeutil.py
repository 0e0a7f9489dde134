"""One timestamp format everywhere: ISO 8601, UTC, millisecond precision, trailing Z."""

from datetime import UTC, datetime


def format_timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def utc_now() -> str:
    return format_timestamp(datetime.now(UTC))


def normalize_timestamp(value: str) -> str:
    """Accepts what Step Functions writes (AWS: trailing Z; moto: no zone) and returns our format."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_timestamp(moment)
