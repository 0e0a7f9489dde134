"""Worker slots: one item per pool counts the slots held and names their holders."""

from pynamodb.exceptions import UpdateError

from codegen.models import WorkerSlots

POOL = "processing"


def _conditional_update(actions, condition) -> bool:
    try:
        WorkerSlots(pool=POOL).update(actions=actions, condition=condition)
        return True
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise


def try_acquire(job_id: str, limit: int) -> bool:
    """Take a slot for job_id if fewer than `limit` are held. Taking it twice is a no-op (True)."""
    taken = _conditional_update(
        [WorkerSlots.held.add(1), WorkerSlots.holders.add({job_id})],
        (WorkerSlots.held.does_not_exist() | (WorkerSlots.held < limit)) & ~WorkerSlots.holders.contains(job_id),
    )
    return taken or job_id in snapshot().holders


def release(job_id: str) -> bool:
    """Give the job's slot back; False if it held none (already released: harmless)."""
    return _conditional_update(
        [WorkerSlots.held.add(-1), WorkerSlots.holders.delete({job_id})],
        WorkerSlots.holders.contains(job_id),
    )


def snapshot() -> WorkerSlots:
    try:
        return WorkerSlots.get(POOL, consistent_read=True)
    except WorkerSlots.DoesNotExist:
        return WorkerSlots(pool=POOL, held=0, holders=set())
