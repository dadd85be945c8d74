"""Gunicorn for the portal: `gunicorn -c deploy/gunicorn.conf.py mttq_portal.wsgi`.

Listens on 127.0.0.1 only; nginx in front terminates HTTPS. Every value can be changed
with an environment variable in /etc/mttq-portal.env.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads let a worker serve other pages while one waits on the database or a slow phone.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# Thirty phone photos in one post are resized on upload: give that request time.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then: a slow leak in any library never becomes an outage.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this machine may say which address and scheme the visitor used.
forwarded_allow_ips = "127.0.0.1,::1"
# Django writes one line per request (time, level, path, status, user id) to stdout;
# gunicorn's access log would repeat it with the visitor's query strings.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
limit_request_line = 8190
limit_request_fields = 100
proc_name = "mttq-portal"
