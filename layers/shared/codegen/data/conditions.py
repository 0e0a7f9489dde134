"""Telling a lost conditional write (the expected state was not there) from a real failure."""

from pynamodb.exceptions import PynamoDBException


def condition_failed(error: PynamoDBException) -> bool:
    return error.cause_response_code == "ConditionalCheckFailedException"
