"""The shop's JSON API: products from PostgreSQL.

GET /api/products        every product, with its category, ordered by name
GET /api/products/<id>   one product (404 if there is none)
GET /api/categories      every category
GET /healthz             200 when the database answers, 503 otherwise

Settings (environment): DATABASE_HOST (db), DATABASE_PORT (5432), DATABASE_NAME (shop),
DATABASE_USER (shop), DATABASE_PASSWORD_FILE (/run/secrets/db_password) or DATABASE_PASSWORD,
PORT (8000), DATABASE_RETRY_SECONDS (3).

Each request opens its own short connection. That keeps the API correct across database restarts
and lets PostgreSQL's shutdown finish at once instead of waiting for idle pooled connections.

`python3 app.py --healthcheck` asks this service's own /healthz and exits 0 if it answers 200
(the container health check; an argument list without spaces, which every Compose tool passes
through intact).
"""

import json
import os
import re
import signal
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psycopg2
import psycopg2.extras

DB_HOST = os.environ.get("DATABASE_HOST", "db")
DB_PORT = int(os.environ.get("DATABASE_PORT", "5432"))
DB_NAME = os.environ.get("DATABASE_NAME", "shop")
DB_USER = os.environ.get("DATABASE_USER", "shop")
DB_PASSWORD_FILE = os.environ.get("DATABASE_PASSWORD_FILE", "/run/secrets/db_password")
PORT = int(os.environ.get("PORT", "8000"))

# How long a request keeps retrying while the database is unreachable (it may be starting).
# Shorter than the web front end's time-out, so the page can say what went wrong.
CONNECT_RETRY_SECONDS = float(os.environ.get("DATABASE_RETRY_SECONDS", "3"))


def log(message):
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"
    sys.stdout.write(f"{stamp} api {message}\n")
    sys.stdout.flush()


def db_password():
    if "DATABASE_PASSWORD" in os.environ:
        return os.environ["DATABASE_PASSWORD"]
    # Read on every connection: a rotated secret file is picked up without a restart.
    with open(DB_PASSWORD_FILE, encoding="utf-8") as f:
        return f.read().rstrip("\r\n")


def connect(retry_seconds=CONNECT_RETRY_SECONDS):
    """A new connection, retrying with a short back-off while the database is not there yet."""
    deadline = time.monotonic() + retry_seconds
    delay = 0.1
    while True:
        try:
            return psycopg2.connect(
                host=DB_HOST, port=DB_PORT, dbname=DB_NAME, user=DB_USER,
                password=db_password(), connect_timeout=2,
                application_name="shop-api",
            )
        except (psycopg2.OperationalError, OSError) as e:
            if time.monotonic() + delay > deadline:
                raise
            log(f"database not reachable yet ({first_line(e)}); retrying in {delay:.1f}s")
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def first_line(error):
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def query(sql, args=()):
    conn = connect()
    try:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            cur.execute(sql, args)
            return cur.fetchall()
    finally:
        conn.close()


PRODUCTS_SQL = """
    SELECT p.id, p.sku, p.name, p.description, p.price_cents, p.stock,
           c.slug AS category_slug, c.name AS category
    FROM products p LEFT JOIN categories c ON c.id = p.category_id
"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "shop-api/1.0"
    timeout = 60  # an idle keep-alive connection is closed after this many seconds

    def do_GET(self):
        self._started = time.monotonic()
        path = self.path.split("?", 1)[0]
        try:
            if path == "/healthz":
                self.healthz()
            elif path == "/api/products":
                self.send_json(200, query(PRODUCTS_SQL + " ORDER BY p.name"))
            elif m := re.fullmatch(r"/api/products/(\d+)", path):
                rows = query(PRODUCTS_SQL + " WHERE p.id = %s", (int(m.group(1)),))
                if rows:
                    self.send_json(200, rows[0])
                else:
                    self.send_json(404, {"error": "no such product"})
            elif path == "/api/categories":
                self.send_json(200, query("SELECT id, slug, name FROM categories ORDER BY name"))
            else:
                self.send_json(404, {"error": "not found"})
        except (psycopg2.OperationalError, OSError) as e:
            self.send_json(503, {"error": "database unavailable", "detail": first_line(e)})
        except psycopg2.Error as e:
            self.send_json(500, {"error": "database error", "detail": first_line(e)})

    def healthz(self):
        try:
            conn = connect(retry_seconds=0)
            try:
                with conn.cursor() as cur:
                    cur.execute("SELECT 1")
                    cur.fetchone()
            finally:
                conn.close()
        except (psycopg2.Error, OSError) as e:
            self.send_json(503, {"status": "unavailable", "detail": first_line(e)})
            return
        self.send_json(200, {"status": "ok"})

    def send_json(self, status, body):
        data = (json.dumps(body, indent=None, default=str) + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    # One line per request on stdout.
    def log_request(self, code="-", size="-"):
        took = (time.monotonic() - getattr(self, "_started", time.monotonic())) * 1000
        log(f'{self.client_address[0]} "{self.requestline}" {code} {took:.1f}ms')

    def log_error(self, format, *args):
        # Protocol errors and idle time-outs: not requests, so not in the request log.
        if "timed out" not in (format % args):
            sys.stderr.write(f"api: {self.client_address[0]}: {format % args}\n")

    def log_message(self, format, *args):
        sys.stderr.write(f"api: {format % args}\n")


def wait_for_database():
    """Log once the database first answers, so the logs show when the service became useful."""
    started = time.monotonic()
    while True:
        try:
            connect(retry_seconds=0).close()
            log(f"database {DB_HOST}:{DB_PORT}/{DB_NAME} answers ({time.monotonic() - started:.1f}s after start)")
            return
        except Exception as e:  # noqa: BLE001 - keep trying whatever it is
            if time.monotonic() - started > 120:
                log(f"database still not reachable after 120s: {first_line(e)}")
                return
            time.sleep(0.5)


def healthcheck():
    """Exit 0 when /healthz on this container answers 200, 1 otherwise."""
    import urllib.request
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2) as response:
            return 0 if response.status == 200 else 1
    except Exception as e:  # noqa: BLE001 - any failure means unhealthy
        print(f"unhealthy: {e}", file=sys.stderr)
        return 1


def main():
    server = ThreadingHTTPServer(("0.0.0.0", PORT), Handler)
    server.daemon_threads = True

    def stop(signum, _frame):
        log(f"{signal.Signals(signum).name} received; shutting down")
        # shutdown() waits for serve_forever() to return, so it must not run on this thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    log(f"listening on 0.0.0.0:{PORT}; database {DB_USER}@{DB_HOST}:{DB_PORT}/{DB_NAME}")
    threading.Thread(target=wait_for_database, daemon=True).start()
    server.serve_forever(poll_interval=0.2)
    server.server_close()
    log("stopped")


if __name__ == "__main__":
    if sys.argv[1:] == ["--healthcheck"]:
        sys.exit(healthcheck())
    main()
