"""Background work: one queue, Django's own task API, one worker command.

Anything slow that a request should not wait for (a photo's renditions, a large import, a
period report) is a task:

    from lib import tasks

    @tasks.task()
    def build_report(report_id):
        ...

    tasks.enqueue(build_report, report.pk)            # the worker runs it
    tasks.enqueue(build_report, report.pk, delay=30)  # not before 30 seconds from now

Arguments are JSON (ids and strings, never model instances); a task reads its rows itself and
must be safe to run twice (a retry, or a job taken up again after its worker died).

The API is Django 6's `django.tasks` through the `django-tasks` backport (Django 5.2 here);
the queue is a table in the portal's own database (`django-tasks-db`): no other server, SQLite
in the demo, PostgreSQL in production. A job enqueued inside a transaction exists only if that
transaction commits, so a worker never sees a job whose rows are not there yet.

`python manage.py run_worker` runs the jobs: started by `make demo`, by systemd in production
(deploy/mttq-worker.service), as many as wanted (each takes one job at a time, rows locked).
The suite runs each job at once in the enqueuing process (TASKS_BACKEND=immediate) except in
the queue's own tests, which start the real worker.

Django's task API has no retries and no notion of a worker that died mid-job. The portal adds:
- a task that keeps its own state (a photo's status) retries itself with `enqueue(delay=…)`;
- `register_recovery(function)`: each worker calls these when it starts and every minute,
  `function(is_dead)` finds the jobs it owns that a dead worker left half-done and takes them up
  again (or reports them); `is_dead(worker_id)` is True for a worker of this machine whose
  process is gone. Jobs of other machines are taken up after `TASK_LEASE_SECONDS`.
"""

import logging
import os
import socket
import uuid
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import default_task_backend, task

__all__ = [
    "enqueue",
    "is_dead",
    "lease_expired_before",
    "recover_abandoned",
    "register_recovery",
    "task",
    "worker_id",
]

log = logging.getLogger(__name__)

_recoveries = []
_current_worker = None


class WorkerLost(Exception):
    """The process running a job stopped (killed, out of memory, the machine restarted)."""


def enqueue(task_, *args, delay=None, **kwargs):
    """Put `task_(*args, **kwargs)` on the queue; `delay` seconds (or a timedelta) from now at the
    earliest. Returns the task result (its `id` finds it again)."""
    if delay and default_task_backend.supports_defer:
        if not isinstance(delay, timedelta):
            delay = timedelta(seconds=delay)
        task_ = task_.using(run_after=timezone.now() + delay)
    return task_.enqueue(*args, **kwargs)


def new_worker_id():
    """`host:pid:random`: unique, and says where to look to know whether the worker still runs."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def set_worker_id(value):
    global _current_worker
    _current_worker = value


def worker_id():
    """The id of the worker running this code, or `inline:<pid>` outside a worker (the suite)."""
    return _current_worker or f"inline:{os.getpid()}"


def is_dead(worker):
    """True when `worker` (an id from `worker_id`) ran on this machine and its process is gone.

    False for a live process and for another machine's worker (that one's jobs wait for
    their lease to expire).
    """
    host, _, rest = (worker or "").partition(":")
    pid = rest.partition(":")[0]
    if host == "inline" or host != socket.gethostname()[:30] or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    # A new process may have the dead one's number: only a worker counts as alive.
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return b"run_worker" not in handle.read() and int(pid) != os.getpid()
    except OSError:
        return False


def lease_expired_before():
    """Jobs started before this time by a worker of another machine count as abandoned."""
    return timezone.now() - timedelta(seconds=settings.TASK_LEASE_SECONDS)


def register_recovery(function):
    """Add `function(is_dead)`, called by every worker at start and every minute (see above)."""
    if function not in _recoveries:
        _recoveries.append(function)
    return function


def _close_lost_results():
    """Task rows a dead worker of this machine left "running" are marked failed, so the table
    tells the truth; the jobs themselves are taken up by the recoveries."""
    from django_tasks_db.models import DBTaskResult

    closed = 0
    for result in DBTaskResult.objects.running():
        worker = (result.worker_ids or [""])[-1]
        if is_dead(worker):
            result.set_failed(WorkerLost(f"worker {worker} stopped while running this job"))
            closed += 1
    return closed


def recover_abandoned():
    """Take up what dead workers left: returns how many jobs each recovery took up or reported."""
    counts = {}
    if settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
        counts["tasks"] = _close_lost_results()
    for function in _recoveries:
        try:
            counts[f"{function.__module__}.{function.__name__}"] = function(is_dead)
        except Exception:  # one app's recovery failing must not stop the worker or the others
            log.exception("recovery %s failed", function)
    return counts
