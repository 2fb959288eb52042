import os

# Fails at boot without it: no default.
DATABASE_URL = os.environ["DATABASE_URL"]
DB_TIMEOUT = os.getenv("DB_TIMEOUT", "10s")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
