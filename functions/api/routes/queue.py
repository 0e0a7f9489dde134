"""/queue: the worker slots (held, waiting) and where the caller's jobs are."""

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from codegen.config import WorkflowSettings
from codegen.schemas import QueueOut
from codegen.services import worker_queue
from routes.guards import owner_of
from routes.params import errors

router = APIGatewayHttpRouter()


@router.get("/queue", summary="Worker slots: how many are held, how many jobs wait, where mine are", responses=errors(401))
def get_queue() -> QueueOut:
    limit = WorkflowSettings.from_env().max_concurrent_jobs
    return QueueOut(**worker_queue.queue_view(owner_of(router.current_event), limit))
