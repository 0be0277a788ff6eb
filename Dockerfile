# Production image: gunicorn (web), and the same image runs the Celery worker
# and beat (docker-compose.yml). Build: `docker compose build`.
#
# Two stages: the first installs the Python packages, compiles the translations
# and collects the static files; the runtime stage gets only the results, the
# shared libraries WeasyPrint needs, and runs as a non-root user.

FROM python:3.11-slim-bookworm AS bouw

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gettext: msgfmt for compilemessages (build stage only).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt /tmp/requirements.txt
RUN pip install -r /tmp/requirements.txt

WORKDIR /app
COPY . /app

# Production settings refuse to start without real secrets. These throw-away
# values exist only for this one build command and are not kept in the image:
# collecting static files and compiling translations read no secret.
RUN SECRET_KEY=build-only-not-a-secret \
    FIELD_ENCRYPTION_KEYS=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= \
    BLIND_INDEX_KEY=build-only-not-a-secret \
    MELDPUNT_VAR_DIR=/tmp/bouw-var \
    STATIC_ROOT=/app/staticfiles \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    sh -c 'if find locale -name "*.po" | grep -q .; then python manage.py compilemessages --ignore=.venv; fi \
           && python manage.py collectstatic --noinput -v 0' \
    && rm -rf /tmp/bouw-var


FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    MELDPUNT_VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles

# WeasyPrint (PDF letters and annual reports): Pango, HarfBuzz subsetting, a font.
# mat2 (with its GObject bindings) cleans attachments in a sandboxed subprocess
# (docs/hostile-input.md).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
        mat2 \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 1000 meldpunt \
    && useradd --system --uid 1000 --gid meldpunt --create-home --home-dir /home/meldpunt --shell /usr/sbin/nologin meldpunt

COPY --from=bouw /opt/venv /opt/venv
COPY --from=bouw --chown=root:root /app /app
# var/ holds uploaded (encrypted) files, the beat schedule and, without
# DATABASE_URL, nothing else: mount a volume here (docker-compose.yml does).
RUN mkdir -p /app/var && chown meldpunt:meldpunt /app/var

WORKDIR /app
USER meldpunt
EXPOSE 8000

CMD ["gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"]
