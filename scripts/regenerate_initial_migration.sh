#!/usr/bin/env bash
# Before the first release only: rebuild migrations/versions/0001_initial.py from the models.
# After a release, schema changes get a new revision with `flask --app portal db migrate`.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mv migrations/versions/0001_initial.py "$tmp/"
keep=$(ls migrations/versions/*.py)
mkdir -p "$tmp/keep" && mv $keep "$tmp/keep/"
PORTAL_SQLALCHEMY_DATABASE_URI="sqlite:///$tmp/empty.sqlite3" \
  .venv/bin/flask --app portal db revision --autogenerate --rev-id 0001_initial -m "initial schema" >/dev/null 2>&1
mv migrations/versions/0001_initial_initial_schema.py migrations/versions/0001_initial.py
mv "$tmp/keep/"*.py migrations/versions/
echo "regenerated migrations/versions/0001_initial.py"
