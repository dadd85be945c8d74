#!/usr/bin/env bash
# Load test: 200 readers for 60 s against gunicorn and PostgreSQL on 127.0.0.1, headless.
#   bench/run_load.sh                      # uses postgres://mttq:mttq@127.0.0.1:5432/mttq_bench
#   BENCH_DATABASE_URL=postgres://… BENCH_PORT=8099 USERS=200 DURATION=60s bench/run_load.sh
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

make venv >/dev/null
if [ ! -x "$BENCH_VENV/bin/locust" ]; then
  python3 -m venv "$BENCH_VENV"
  "$BENCH_VENV/bin/pip" install --quiet -r bench/requirements.txt
fi

# Production settings, except plain HTTP: the test never leaves 127.0.0.1.
export DATABASE_URL DEBUG=0 DEMO=0 TESTING=0 HTTPS=0 LOG_LEVEL=WARNING
export SECRET_KEY="bench-$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"
export ALLOWED_HOSTS=127.0.0.1 SITE_URL="http://127.0.0.1:$PORT"
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

.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py load_demo >/dev/null

.venv/bin/gunicorn -c deploy/gunicorn.conf.py mttq_portal.wsgi --pid "$WORK/gunicorn.pid" &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null; wait "$GUNICORN" 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 1
done

mkdir -p "$OUT"
echo "bench: $USERS users, $DURATION, gunicorn $(nproc) cores, workers ${GUNICORN_WORKERS:-$(( $(nproc) * 2 + 1 ))}"
"$BENCH_VENV/bin/locust" -f bench/locustfile.py --headless --only-summary \
  --host "http://127.0.0.1:$PORT" -u "$USERS" -r "$SPAWN_RATE" -t "$DURATION" \
  --csv "$OUT/load" --exit-code-on-error 1
