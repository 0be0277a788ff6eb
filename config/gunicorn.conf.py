"""Gunicorn configuration used by docker-compose (web service).

The access log leaves out the client address (%(h)s) and the query string:
the melder's side stores and logs no IP address (docs/vertrouwelijkheid.md).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 60
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# The path is the client's: its control characters (a newline that forges a log
# line, terminal escapes) are escaped in every log line (config/gunicorn_log.py).
logger_class = "config.gunicorn_log.ToegangslogZonderStuurtekens"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Hostile clients (docs/hostile-input.md): request line and headers stay at
# gunicorn's small defaults, stated here so they are not raised by accident; the
# body is capped on its Content-Length by kern.uploads.VerzoekGrootteMiddleware.
# Slow senders are the TLS proxy's to buffer (it must buffer whole requests).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
