#!/bin/sh
# Back up nkfilms into one folder: the PostgreSQL database (pg_dump, custom format: every
# table, history and users included), the uploaded images (MEDIA_ROOT) and the dataset file
# (the catalogue as data/nkfilms.json holds it: readable, and loadable into any database).
#
#   DATABASE_URL=postgres://user@host:5432/nkfilms MEDIA_ROOT=/srv/nkfilms/media \
#     scripts/backup.sh /backups/nkfilms-$(date +%F)
#
# Restore with scripts/restore.sh. Runs from the project folder; PYTHON names the Python of
# the site's virtual environment (default .venv/bin/python).
set -eu
dest=${1:?usage: scripts/backup.sh FOLDER}
: "${DATABASE_URL:?set DATABASE_URL to the site's postgres:// database}"
media=${MEDIA_ROOT:-media}
python=${PYTHON:-.venv/bin/python}
case $DATABASE_URL in
  postgres://* | postgresql://*) ;;
  *) echo "backup.sh backs up PostgreSQL; for SQLite copy the database file while the site is stopped" >&2; exit 2 ;;
esac
mkdir -p "$dest"
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$dest/database.dump"
mkdir -p "$media"
tar -C "$media" -czf "$dest/media.tar.gz" .
"$python" manage.py export_dataset "$dest/nkfilms.json" 2>/dev/null
echo "Backed up to $dest: database.dump, media.tar.gz, nkfilms.json"
