"""`manage.py run_worker`: run the background jobs of lib/tasks.py until stopped.

django-tasks-db's worker, with what the portal adds: an id that says which machine and process
it is (`host:pid:random`), and the recoveries of lib/tasks.py (jobs a killed worker left
half-done) run at start and every `--recover-every` seconds. SIGTERM or Ctrl-C finishes the
job in hand, then stops; a second one stops at once (the job is then taken up by the next
worker, as after a kill).
"""

import logging
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Worker

from lib import tasks

log = logging.getLogger("lib.tasks")


class PortalWorker(Worker):
    def __init__(self, *, recover_every, **kwargs):
        super().__init__(**kwargs)
        self.recover_every = recover_every
        self._stopped = threading.Event()

    def recover(self):
        counts = tasks.recover_abandoned()
        taken = {name: count for name, count in counts.items() if count}
        if taken:
            log.warning("worker %s took up abandoned jobs: %s", self.worker_id, taken)

    def _recover_periodically(self):
        while not self._stopped.wait(self.recover_every):
            try:
                self.recover()
            except Exception:
                log.exception("recovering abandoned jobs failed")
            finally:
                connections.close_all()

    def run(self):
        tasks.set_worker_id(self.worker_id)
        close_old_connections()
        self.recover()
        if not self.batch and self.recover_every:
            threading.Thread(target=self._recover_periodically, name="recover", daemon=True).start()
        try:
            return super().run()
        finally:
            self._stopped.set()


class Command(BaseCommand):
    help = "Chạy các việc nền (ảnh, nhập tệp lớn, báo cáo) cho đến khi dừng."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at an empty queue"
        )
        parser.add_argument("--batch", action="store_true", help="run what is queued, then exit")
        parser.add_argument("--max-tasks", type=int, default=None, help="exit after this many jobs")
        parser.add_argument(
            "--recover-every", type=float, default=60.0, help="seconds between looks for abandoned jobs"
        )
        parser.add_argument("--queue-name", default="default", help="queues to run, comma-separated, or *")

    def handle(self, *, interval, batch, max_tasks, recover_every, queue_name, verbosity, **options):
        level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
        for name in ("django_tasks", "django_tasks_db", "lib.tasks"):
            logger = logging.getLogger(name)
            logger.setLevel(level)
            if not logger.hasHandlers():
                logger.addHandler(logging.StreamHandler(self.stdout))
        worker = PortalWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=max_tasks,
            worker_id=tasks.new_worker_id(),
            excluded_queue_names=[],
            recover_every=recover_every,
        )
        if not batch:
            # Not in --batch, which tests also call in their own process.
            worker.configure_signals()
        worker.run()
