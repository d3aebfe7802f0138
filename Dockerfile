# Production image: slim Python, non-root user, gunicorn, health check.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 BEEXPLORER_CACHE=/app/cache
WORKDIR /app
# Chromium draws the PNG/SVG/PDF exports (kaleido); DejaVu is the charts' font.
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
ENV BROWSER_PATH=/usr/bin/chromium
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --create-home explorer && mkdir -p /app/cache && chown -R explorer /app/cache \
    && (python -m data geometry fetch || echo "no boundary file: the schematic map will be used")
USER explorer
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health').status != 200)"
ENV BEEXPLORER_BIND=0.0.0.0:8000
CMD ["gunicorn", "app:server"]
