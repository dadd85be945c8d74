#!/usr/bin/env bash
# Load test: 200 readers for 60 s against gunicorn and PostgreSQL on 127.0.0.1, headless.
#   bench/run_load.sh                      # uses postgres://mttq:mttq@127.0.0.1:5432/mttq_bench
#   BENCH_DATABASE_URL=postgres://… BENCH_PORT=8099 USERS=200 DURATION=60s bench/run_load.sh
#   REDIS_URL=redis://127.0.0.1:6391/0 FAST_HTTP=1 USERS=1000 SKIP_SETUP=1 bench/run_load.sh
#     (Redis as the cache; locust's FastHttpUser; a database already filled, e.g. 10,000 posts)
#   NGINX_FRONT=1 FRONT_PORT=8196 …: readers go through nginx with deploy/'s proxy and one-second
#     microcache snippets (as deployed), nginx run as the current user from a temporary folder
#   READERS=uniform …: posts drawn uniformly from the sitemap instead of readers arriving on one
#     shared post and reading on from the lists (READERS=shared, the default; bench/locustfile.py)
# Creates the database's tables and demo data if missing; never touches another database.
set -euo pipefail
cd "$(dirname "$0")/.."

DATABASE_URL=${BENCH_DATABASE_URL:-postgres://mttq:mttq@127.0.0.1:5432/mttq_bench}
PORT=${BENCH_PORT:-8099}
USERS=${USERS:-200}
SPAWN_RATE=${SPAWN_RATE:-50}
DURATION=${DURATION:-60s}
BENCH_VENV=${BENCH_VENV:-bench/.venv}
OUT=${OUT:-bench/out}
WORK=$(mktemp -d /tmp/mttq-bench.XXXXXX)

case "$DATABASE_URL" in postgres://*) ;; *) echo "BENCH_DATABASE_URL must be PostgreSQL" >&2; exit 2 ;; esac

[ "${SKIP_SETUP:-0}" = 1 ] || make venv >/dev/null
if [ ! -x "$BENCH_VENV/bin/locust" ]; then
  python3 -m venv "$BENCH_VENV"
  "$BENCH_VENV/bin/pip" install --quiet -r bench/requirements.txt
fi

# Production settings, except plain HTTP: the test never leaves 127.0.0.1.
export DATABASE_URL DEBUG=0 DEMO=0 TESTING=0 HTTPS=0 LOG_LEVEL=WARNING
export SECRET_KEY="bench-$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"
export ALLOWED_HOSTS=127.0.0.1 SITE_URL="http://127.0.0.1:$PORT"
export SITE_FALLBACK_COMMUNE=${SITE_FALLBACK_COMMUNE:-xa-hoa-phu} FAST_HTTP=${FAST_HTTP:-0}
export MEDIA_ROOT="${BENCH_MEDIA_ROOT:-$PWD/bench/media}" STATIC_ROOT="$WORK/static"
export GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_LOG_LEVEL=warning

DB_NAME=${DATABASE_URL##*/}
ADMIN_URL=${DATABASE_URL%/*}/postgres
if ! .venv/bin/python - "$ADMIN_URL" "$DB_NAME" <<'PY'
import sys, psycopg2
conn = psycopg2.connect(sys.argv[1]); conn.autocommit = True
cur = conn.cursor(); cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [sys.argv[2]])
sys.exit(0 if cur.fetchone() else 1)
PY
then
  .venv/bin/python -c "import sys, psycopg2; c = psycopg2.connect(sys.argv[1]); c.autocommit = True; c.cursor().execute('CREATE DATABASE \"' + sys.argv[2] + '\"')" "$ADMIN_URL" "$DB_NAME"
fi

.venv/bin/python manage.py collectstatic --noinput -v0
if [ "${SKIP_SETUP:-0}" != 1 ]; then
  .venv/bin/python manage.py migrate --noinput -v0
  .venv/bin/python manage.py load_demo >/dev/null
fi

.venv/bin/gunicorn -c deploy/gunicorn.conf.py mttq_portal.wsgi --pid "$WORK/gunicorn.pid" &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null; wait "$GUNICORN" 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 1
done

TARGET="http://127.0.0.1:$PORT"
if [ "${NGINX_FRONT:-0}" = 1 ]; then
  FRONT_PORT=${FRONT_PORT:-$((PORT + 1))}
  .venv/bin/python - "$WORK" "$FRONT_PORT" "$PORT" <<'PY'
import sys
sys.path.insert(0, "bench")
import two_servers
config = two_servers.nginx_config(sys.argv[1], int(sys.argv[2]), [int(sys.argv[3])])
# 1,000 readers hold a connection each, and as many go on to gunicorn.
config.write_text(config.read_text().replace("worker_connections 256;", "worker_connections 4096;"))
PY
  ulimit -n 8192
  "${NGINX:-/usr/sbin/nginx}" -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/nginx-error.log" &
  NGINX_PID=$!
  trap 'kill "$NGINX_PID" "$GUNICORN" 2>/dev/null; wait "$GUNICORN" 2>/dev/null; rm -rf "$WORK"' EXIT
  sleep 1
  TARGET="http://127.0.0.1:$FRONT_PORT"
fi

mkdir -p "$OUT"
echo "bench: $USERS users, $DURATION, gunicorn $(nproc) cores, workers ${GUNICORN_WORKERS:-$(( $(nproc) * 2 + 1 ))}, cache ${REDIS_URL:-files}, FAST_HTTP=$FAST_HTTP, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BENCH_VENV/bin/locust" -f bench/locustfile.py --headless --only-summary \
  --host "$TARGET" -u "$USERS" -r "$SPAWN_RATE" -t "$DURATION" \
  --csv "$OUT/load" --exit-code-on-error 1 || STATUS=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "${STATUS:-0}"
