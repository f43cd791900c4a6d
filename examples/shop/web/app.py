"""The shop's front end: one HTML page listing the products the API returns.

GET /          the product table, rendered into templates/index.html
GET /healthz   200 while this process serves requests (it does not depend on the API)

Settings (environment): API_URL (http://api:8000/api/products), PORT (8080), TEMPLATE
(templates/index.html next to this file). The template holds the page's heading and style; it has
two placeholders, {{ content }} (the table or a notice) and {{ footer }}.

`python3 app.py --healthcheck` asks this service's own /healthz and exits 0 if it answers 200
(the container health check; an argument list without spaces, which every Compose tool passes
through intact).
"""

import html
import json
import os
import re
import signal
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

API_URL = os.environ.get("API_URL", "http://api:8000/api/products")
PORT = int(os.environ.get("PORT", "8080"))
TEMPLATE = os.environ.get(
    "TEMPLATE", os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates", "index.html"))
API_TIMEOUT_SECONDS = float(os.environ.get("API_TIMEOUT_SECONDS", "5"))

PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def log(message):
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"
    sys.stdout.write(f"{stamp} web {message}\n")
    sys.stdout.flush()


def render(values):
    with open(TEMPLATE, encoding="utf-8") as f:
        template = f.read()
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def price(cents):
    return f"${cents // 100:,}.{cents % 100:02d}"


def product_table(products):
    # The table is there even when it is empty (a fresh database without seed rows), so the page
    # has the same shape whether or not the environment was seeded.
    rows = []
    for p in products:
        stock = int(p.get("stock") or 0)
        stock_cell = f"{stock} in stock" if stock > 0 else '<span class="sold-out">sold out</span>'
        rows.append(
            "<tr>"
            f'<td class="name">{html.escape(str(p.get("name", "")))}</td>'
            f'<td class="category">{html.escape(str(p.get("category") or ""))}</td>'
            f'<td class="price">{price(int(p.get("price_cents") or 0))}</td>'
            f'<td class="stock">{stock_cell}</td>'
            "</tr>")
    if not rows:
        rows.append('<tr class="empty"><td colspan="4">There are no products yet.</td></tr>')
    return (
        '<table id="products">\n<thead><tr><th>Product</th><th>Category</th>'
        '<th class="price">Price</th><th class="stock">Stock</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows) + "\n</tbody>\n</table>")


def fetch_products():
    request = urllib.request.Request(API_URL, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=API_TIMEOUT_SECONDS) as response:
        return json.load(response)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "shop-web/1.0"
    timeout = 60

    def do_GET(self):
        self.respond(head=False)

    def do_HEAD(self):
        self.respond(head=True)

    def respond(self, head):
        self._started = time.monotonic()
        path = self.path.split("?", 1)[0]
        if path == "/healthz":
            self.send(200, "text/plain; charset=utf-8", b"ok\n", head)
        elif path == "/":
            status, page = self.index()
            self.send(status, "text/html; charset=utf-8", page.encode("utf-8"), head)
        else:
            self.send(404, "text/plain; charset=utf-8", b"not found\n", head)

    def index(self):
        footer = "Served by web &rarr; api &rarr; db."
        try:
            products = fetch_products()
        except urllib.error.HTTPError as e:
            detail = e.read(500).decode("utf-8", "replace")
            try:
                detail = json.loads(detail).get("error", detail)
            except (ValueError, AttributeError):
                pass
            return 502, render({"content": notice(f"The product API answered {e.code}: {detail}."),
                                "footer": footer})
        except (urllib.error.URLError, OSError, ValueError) as e:
            reason = getattr(e, "reason", e)
            return 502, render({"content": notice(f"The product API at {API_URL} is unreachable ({reason})."),
                                "footer": footer})
        return 200, render({"content": product_table(products), "footer": footer})

    def send(self, status, content_type, body, head):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_request(self, code="-", size="-"):
        took = (time.monotonic() - getattr(self, "_started", time.monotonic())) * 1000
        log(f'{self.client_address[0]} "{self.requestline}" {code} {took:.1f}ms')

    def log_error(self, format, *args):
        if "timed out" not in (format % args):
            sys.stderr.write(f"web: {self.client_address[0]}: {format % args}\n")

    def log_message(self, format, *args):
        sys.stderr.write(f"web: {format % args}\n")


def notice(text):
    return ('<div class="notice" id="unavailable"><strong>The products cannot be shown right now.</strong> '
            f"{html.escape(text)} Try again in a moment.</div>")


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
    render({})  # fail at start, not on the first request, if the template is missing
    server = ThreadingHTTPServer(("0.0.0.0", PORT), Handler)
    server.daemon_threads = True

    def stop(signum, _frame):
        log(f"{signal.Signals(signum).name} received; shutting down")
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    log(f"listening on 0.0.0.0:{PORT}; products from {API_URL}")
    server.serve_forever(poll_interval=0.2)
    server.server_close()
    log("stopped")


if __name__ == "__main__":
    if sys.argv[1:] == ["--healthcheck"]:
        sys.exit(healthcheck())
    main()
