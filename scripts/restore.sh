#!/bin/sh
# Restore a folder written by scripts/backup.sh into the database DATABASE_URL names (an
# empty one, or the site's own: its tables are replaced) and MEDIA_ROOT; then migrate (the
# code may be newer than the backup) and rebuild the search index.
#
#   createdb -h 127.0.0.1 -U postgres nkfilms
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/nkfilms MEDIA_ROOT=/srv/nkfilms/media \
#     scripts/restore.sh /backups/nkfilms-2026-12-06
#
# Without a usable database.dump, the dataset file alone brings back every record, claim,
# citation and old address (not history or users) into a migrated, empty database:
#   .venv/bin/python manage.py load_dataset /backups/nkfilms-2026-12-06/nkfilms.json
set -eu
src=${1:?usage: scripts/restore.sh FOLDER}
: "${DATABASE_URL:?set DATABASE_URL to the postgres:// database to restore into}"
media=${MEDIA_ROOT:-media}
python=${PYTHON:-.venv/bin/python}
for part in database.dump media.tar.gz; do
  [ -f "$src/$part" ] || { echo "$src/$part is missing: is $src a backup folder?" >&2; exit 2; }
done
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --dbname="$DATABASE_URL" "$src/database.dump"
mkdir -p "$media"
tar -C "$media" -xzf "$src/media.tar.gz"
"$python" manage.py migrate --noinput >/dev/null
"$python" manage.py rebuild_search_keys >/dev/null
echo "Restored $src into the database and $media"
