"""Worker slots and the FIFO queue of jobs waiting for one, in the concurrency table.

One item counts the slots held and names their holders; one item per waiting job, sorted by the time
the job entered QUEUED (then its id), holds the task token its execution is parked on."""

from pynamodb.exceptions import DeleteError, UpdateError

from codegen.data.conditions import condition_failed
from codegen.models import SlotWaiter, WorkerSlots

POOL = ("slots", "processing")
WAITING = "waiting"


def _pool() -> WorkerSlots:
    return WorkerSlots(pk=POOL[0], sk=POOL[1])


def _conditional_update(actions, condition) -> bool:
    try:
        _pool().update(actions=actions, condition=condition)
        return True
    except UpdateError as error:
        if condition_failed(error):
            return False
        raise


def acquire(job_id: str, limit: int) -> str:
    """Take a slot for job_id if fewer than `limit` are held: "taken", "held" (it had one), or "full"."""
    taken = _conditional_update(
        [WorkerSlots.held.add(1), WorkerSlots.holders.add({job_id})],
        (WorkerSlots.held.does_not_exist() | (WorkerSlots.held < limit)) & ~WorkerSlots.holders.contains(job_id),
    )
    if taken:
        return "taken"
    return "held" if holds_slot(job_id) else "full"


def release(job_id: str) -> bool:
    """Give the job's slot back; False if it held none (already released: harmless)."""
    return _conditional_update(
        [WorkerSlots.held.add(-1), WorkerSlots.holders.delete({job_id})],
        WorkerSlots.holders.contains(job_id),
    )


def holds_slot(job_id: str) -> bool:
    return job_id in snapshot().holders


def snapshot() -> WorkerSlots:
    try:
        return WorkerSlots.get(*POOL, consistent_read=True)
    except WorkerSlots.DoesNotExist:
        return WorkerSlots(pk=POOL[0], sk=POOL[1], held=0, holders=set())


def waiter_key(queued_at: str, job_id: str) -> str:
    return f"{queued_at}#{job_id}"


def waiter(job_id: str, queued_at: str) -> SlotWaiter:
    """The queue entry of a job; it is written together with the job's move to QUEUED (one transaction)."""
    return SlotWaiter(pk=WAITING, sk=waiter_key(queued_at, job_id), job_id=job_id)


def park(job_id: str, queued_at: str, token: str) -> bool:
    """Attach the task token to the job's queue entry. False if the entry is gone: the job was handed a
    slot meanwhile (or removed from the queue)."""
    try:
        waiter(job_id, queued_at).update(actions=[SlotWaiter.task_token.set(token)], condition=SlotWaiter.sk.exists())
        return True
    except UpdateError as error:
        if condition_failed(error):
            return False
        raise


def unpark(job_id: str, queued_at: str) -> bool:
    """Remove the job from the queue; False if it was not there."""
    return take_waiter(job_id, queued_at)[0]


def take_waiter(job_id: str, queued_at: str) -> tuple[bool, str | None]:
    """Remove the job's queue entry and return (removed, the task token it held at that instant).

    The token comes from the delete itself, so a job that parks while it is being handed a slot is
    either woken with its new token or finds its entry gone when it parks."""
    try:
        response = SlotWaiter._get_connection().delete_item(
            WAITING, range_key=waiter_key(queued_at, job_id), condition=SlotWaiter.sk.exists(), return_values="ALL_OLD"
        )
    except DeleteError as error:
        if condition_failed(error):
            return False, None
        raise
    return True, response.get("Attributes", {}).get("task_token", {}).get("S")


def oldest_waiter() -> SlotWaiter | None:
    return next(iter(SlotWaiter.query(WAITING, limit=1, consistent_read=True)), None)


def waiters() -> list[SlotWaiter]:
    return list(SlotWaiter.query(WAITING, consistent_read=True))
