"""WSGI entry for the demo server: Frappe's own application (with its static files), answering
for one site whatever host name the browser used (127.0.0.1, localhost).

    cd $BENCH_DIR/sites && FRAPPE_SITE=smg.localhost ../env/bin/gunicorn -b 127.0.0.1:8000 \
        --pythonpath /path/to/repo/scripts serve_site:application

scripts/setup runs it on a unix socket behind nginx (which serves /assets and /files itself and
proxies /socket.io to Frappe's socket.io server); scripts/test runs it directly on a loopback port.
"""

import os

import frappe.app

_site = os.environ["FRAPPE_SITE"]
_application = frappe.app.application_with_statics()


def application(environ, start_response):
	environ["HTTP_X_FRAPPE_SITE_NAME"] = _site
	return _application(environ, start_response)
