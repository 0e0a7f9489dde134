"""QUEUED without polling: a job with no free slot parks on a task token; whoever frees a slot wakes
the oldest waiting job (FIFO by the time it entered QUEUED, then job id).

A job's queue entry is written in the same transaction as its move to QUEUED, so its place is fixed
before it parks. Register-then-recheck: the job attaches its token to the entry, then dispatches, so a
slot freed between "no slot" and "parked" is never lost; a slot handed to it before it parked (entry
gone, slot held) wakes it at once. The state machine's bounded wait (SlotRecheckSeconds) is the safety
net: on timeout the job parks again, keeping its place, and finds any slot handed to it meanwhile."""

from codegen.clients import stepfunctions
from codegen.data import jobs, slots
from codegen.errors import Conflict, NotFound
from codegen.models import CodeGenerationJob
from codegen.types import CodeGenerationJobStatus as Status


def queued_at(job: CodeGenerationJob) -> str | None:
    """When the job entered QUEUED, exactly as written (it is part of its queue entry's key)."""
    entered = [change.at for change in job.status_history if change.status == Status.QUEUED]
    return entered[-1] if entered else None


def wait_for_slot(job_id: str, token: str, limit: int) -> dict:
    """The state machine's "Queued: wait for a worker slot" task (it waits for `token`)."""
    job = jobs.get_job(job_id)
    if job.status != Status.QUEUED:
        raise Conflict(f"job {job_id} is {job.status}, not QUEUED")
    if not slots.park(job_id, queued_at(job), token):
        if slots.holds_slot(job_id):  # handed a slot before it parked (or while its last wait timed out)
            _wake(token)
            return {"parked": False}
        raise Conflict(f"job {job_id} is neither in the queue nor holding a slot")
    dispatch(limit)
    return {"parked": True}


def free_slot(job: CodeGenerationJob, limit: int) -> None:
    """Every path that ends a job's claim calls this: release its slot, leave the queue, wake the next."""
    slots.release(job.job_id)
    if (entered := queued_at(job)) is not None:
        slots.unpark(job.job_id, entered)
    dispatch(limit)


def dispatch(limit: int) -> int:
    """Hand free slots to the oldest waiting jobs and wake them. Returns how many were woken."""
    woken = 0
    while (head := slots.oldest_waiter()) is not None:
        if not _still_queued(head.job_id):  # a stale entry: its job was cancelled or failed
            slots.unpark(head.job_id, head.sk.rsplit("#", 1)[0])
            continue
        outcome = slots.acquire(head.job_id, limit)
        if outcome == "full":
            break
        if outcome == "taken" and _ended(head.job_id):  # cancelled or failed meanwhile: give it back
            slots.release(head.job_id)
        removed, token = slots.take_waiter(head.job_id, head.sk.rsplit("#", 1)[0])
        if removed:  # else another dispatcher handed it the slot and woke it
            _wake(token)  # no token yet: the job has not parked; it will find its slot when it does
            woken += 1
    return woken


def queue_view(owner_id: str, limit: int) -> dict:
    pool, waiting = slots.snapshot(), slots.waiters()
    mine = []
    for holder in sorted(pool.holders):
        if _owned_by(holder, owner_id):
            mine.append({"job_id": holder, "state": "processing", "position": 0})
    # entries of jobs that ended, or that were just handed a slot, are not waiting any more
    waiting = [w for w in waiting if w.job_id not in pool.holders and _still_queued(w.job_id)]
    for position, waiter in enumerate(waiting, start=1):
        if _owned_by(waiter.job_id, owner_id):
            mine.append({"job_id": waiter.job_id, "state": "waiting", "position": position})
    return {"max_concurrent_jobs": limit, "slots_held": int(pool.held), "waiting": len(waiting), "my_jobs": mine}


def _owned_by(job_id: str, owner_id: str) -> bool:
    try:
        return jobs.get_job(job_id).owner_id == owner_id
    except NotFound:
        return False


def _ended(job_id: str) -> bool:
    try:
        return jobs.get_job(job_id).status not in jobs.ACTIVE_STATUSES
    except NotFound:
        return True


def _still_queued(job_id: str) -> bool:
    try:
        return jobs.get_job(job_id).status == Status.QUEUED
    except NotFound:
        return False


def _wake(token: str | None) -> None:
    if not token:
        return
    try:
        stepfunctions.send_task_success(token, {"slot": True})
    except stepfunctions.TokenExpired:
        pass  # its wait timed out: it parks again, sees the slot it holds, and wakes itself
