"""Worker slots against DynamoDB (moto): the limit holds, acquiring and releasing are idempotent."""

import pytest

from codegen.data import slots


@pytest.fixture(autouse=True)
def tables(stack):
    return stack


def test_limit_is_never_exceeded():
    assert slots.try_acquire("a", 2) and slots.try_acquire("b", 2)
    assert not slots.try_acquire("c", 2)
    assert slots.snapshot().held == 2 and slots.snapshot().holders == {"a", "b"}


def test_acquiring_twice_takes_one_slot():
    assert slots.try_acquire("a", 2) and slots.try_acquire("a", 2)
    assert slots.snapshot().held == 1


def test_release_frees_the_slot_once():
    slots.try_acquire("a", 1)
    assert slots.release("a") is True
    assert slots.release("a") is False
    assert slots.snapshot().held == 0
    assert slots.try_acquire("b", 1)
