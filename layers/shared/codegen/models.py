"""DynamoDB tables as pynamodb models.

Table names come from environment variables read at call time (not import time), so the template,
the local stack and the tests can each point the models at their own tables.
"""

import os

from pynamodb.attributes import (
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from codegen.timeutil import utc_now


class _TableFromEnv(type):
    """Meta class whose `table_name` is the value of the environment variable `table_env`."""

    @property
    def table_name(cls) -> str:
        return os.environ[cls.table_env]


class StatusChange(MapAttribute):
    status = UnicodeAttribute()
    at = UnicodeAttribute()


class JobError(MapAttribute):
    code = UnicodeAttribute()
    message = UnicodeAttribute()


class FileEntry(MapAttribute):
    path = UnicodeAttribute()
    size = NumberAttribute()
    sha256 = UnicodeAttribute()


class JobResult(MapAttribute):
    summary = UnicodeAttribute()
    files = ListAttribute(of=FileEntry, default=list)
    archive_key = UnicodeAttribute()
    files_prefix = UnicodeAttribute()


class Usage(MapAttribute):
    input_tokens = NumberAttribute(default=0)
    output_tokens = NumberAttribute(default=0)


class SessionsByOwner(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_owner"
        projection = AllProjection()

    owner_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class QuestioningSession(Model):
    class Meta(metaclass=_TableFromEnv):
        table_env = "SESSIONS_TABLE_NAME"

    session_id = UnicodeAttribute(hash_key=True)
    owner_id = UnicodeAttribute()
    prompt = UnicodeAttribute()
    status = UnicodeAttribute()
    rounds = ListAttribute(default=list)  # [{round, questions, answers, skipped, asked_at, answered_at}]
    requirements = MapAttribute(null=True)  # the agreed spec (structured), see agents.base.Requirements
    questioning_job_id = UnicodeAttribute(null=True)  # the one job that may question on this session
    created_at = UnicodeAttribute(default_for_new=utc_now)
    updated_at = UnicodeAttribute(default_for_new=utc_now)
    version = VersionAttribute()

    by_owner = SessionsByOwner()


class JobsBySession(GlobalSecondaryIndex):
    """The session's `generation_jobs` (the seed's related name)."""

    class Meta:
        index_name = "by_session"
        projection = AllProjection()

    questioning_session_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class JobsByOwner(GlobalSecondaryIndex):
    class Meta:
        index_name = "by_owner"
        projection = AllProjection()

    owner_id = UnicodeAttribute(hash_key=True)
    created_at = UnicodeAttribute(range_key=True)


class CodeGenerationJob(Model):
    class Meta(metaclass=_TableFromEnv):
        table_env = "JOBS_TABLE_NAME"

    job_id = UnicodeAttribute(hash_key=True)
    owner_id = UnicodeAttribute()
    questioning_session_id = UnicodeAttribute(null=True)  # SET_NULL when the session is deleted
    prompt = UnicodeAttribute()
    requirements = MapAttribute(null=True)  # copied from the session when questioning ends
    status = UnicodeAttribute()
    status_history = ListAttribute(of=StatusChange, default=list)
    execution_arn = UnicodeAttribute(null=True)
    task_token = UnicodeAttribute(null=True)  # never returned by the API
    round = NumberAttribute(default=0)
    questions = ListAttribute(default=list)  # pending questions of `round` (schemas.Question dicts)
    error = JobError(null=True)
    result = JobResult(null=True)
    usage = Usage(null=True)
    created_at = UnicodeAttribute(default_for_new=utc_now)
    updated_at = UnicodeAttribute(default_for_new=utc_now)
    version = VersionAttribute()

    by_session = JobsBySession()
    by_owner = JobsByOwner()


class WorkerSlots(Model):
    """The slot pool (pk "slots"): how many slots are held and by which jobs."""

    class Meta(metaclass=_TableFromEnv):
        table_env = "CONCURRENCY_TABLE_NAME"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    held = NumberAttribute(default=0)
    holders = UnicodeSetAttribute(default=set)


class SlotWaiter(Model):
    """A job parked in the queue (pk "waiting"); sk "<queued at>#<job id>" orders the queue (FIFO)."""

    class Meta(metaclass=_TableFromEnv):
        table_env = "CONCURRENCY_TABLE_NAME"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    job_id = UnicodeAttribute()
    task_token = UnicodeAttribute(null=True)  # the parked execution's token; never a key
