"""Worker slots and the waiting queue against DynamoDB (moto): the limit holds, FIFO, idempotence."""

import pytest

from codegen.data import slots


@pytest.fixture(autouse=True)
def tables(stack):
    return stack


def test_limit_is_never_exceeded():
    assert slots.acquire("a", 2) == slots.acquire("b", 2) == "taken"
    assert slots.acquire("c", 2) == "full"
    assert slots.snapshot().held == 2 and slots.snapshot().holders == {"a", "b"}


def test_acquiring_twice_takes_one_slot():
    assert (slots.acquire("a", 2), slots.acquire("a", 2)) == ("taken", "held")
    assert slots.snapshot().held == 1


def test_release_frees_the_slot_once():
    slots.acquire("a", 1)
    assert slots.release("a") is True
    assert slots.release("a") is False
    assert slots.snapshot().held == 0
    assert slots.acquire("b", 1) == "taken"


def enqueue(job_id: str, queued_at: str) -> None:
    slots.waiter(job_id, queued_at).save()


def test_waiters_are_ordered_by_queue_time_then_job_id():
    enqueue("job-b", "2026-01-01T00:00:01.000Z")
    enqueue("job-a", "2026-01-01T00:00:02.000Z")
    enqueue("job-c", "2026-01-01T00:00:01.000Z")
    assert [w.job_id for w in slots.waiters()] == ["job-b", "job-c", "job-a"]
    assert slots.oldest_waiter().job_id == "job-b"


def test_parking_again_keeps_the_place_and_takes_the_new_token():
    enqueue("job-a", "2026-01-01T00:00:01.000Z")
    enqueue("job-b", "2026-01-01T00:00:02.000Z")
    assert slots.park("job-a", "2026-01-01T00:00:01.000Z", "t-1")
    assert slots.park("job-a", "2026-01-01T00:00:01.000Z", "t-2")
    assert [(w.job_id, w.task_token) for w in slots.waiters()] == [("job-a", "t-2"), ("job-b", None)]


def test_a_job_not_in_the_queue_cannot_park():
    assert slots.park("job-a", "2026-01-01T00:00:01.000Z", "t") is False
    assert slots.waiters() == []


def test_unpark_is_idempotent():
    enqueue("job-a", "2026-01-01T00:00:01.000Z")
    assert slots.unpark("job-a", "2026-01-01T00:00:01.000Z") is True
    assert slots.unpark("job-a", "2026-01-01T00:00:01.000Z") is False
    assert slots.waiters() == []
