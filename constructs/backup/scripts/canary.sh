#!/bin/bash
# Step 1 of every backup: record a canary row (this set's id) in the database, so the restore drill can
# prove the restored copy reaches this backup and counts one canary row per set of the chain.
# Runs in the data store's own image (it has the engine's client). Idempotent: a retried pod of the
# same Job (same set id) does not insert twice.
source /opt/backup/lib.sh
require_env STORE ENGINE DB_HOST DB_PORT DB_NAME SET_ID DB_ACCOUNT_DIR

case "$ENGINE" in
  mysql)
    mysql --defaults-extra-file="$(mysql_defaults_file)" --host="$DB_HOST" --port="$DB_PORT" --batch <<SQL
CREATE DATABASE IF NOT EXISTS platform_backup;
CREATE TABLE IF NOT EXISTS platform_backup.canary (set_id VARCHAR(128) PRIMARY KEY, taken_at TIMESTAMP(6) NOT NULL) ENGINE=InnoDB;
INSERT IGNORE INTO platform_backup.canary (set_id, taken_at) VALUES ('$SET_ID', UTC_TIMESTAMP(6));
SQL
    ;;
  postgresql)
    PGPASSWORD="$(db_password)" psql --host="$DB_HOST" --port="$DB_PORT" --username="$(db_user)" --dbname="$DB_NAME" \
      --set=ON_ERROR_STOP=1 --set=set_id="$SET_ID" --quiet <<'SQL'
CREATE SCHEMA IF NOT EXISTS platform_backup;
CREATE TABLE IF NOT EXISTS platform_backup.canary (set_id text PRIMARY KEY, taken_at timestamptz NOT NULL);
INSERT INTO platform_backup.canary (set_id, taken_at) VALUES (:'set_id', now()) ON CONFLICT (set_id) DO NOTHING;
SQL
    ;;
  oracle)
    # PLATFORM_BACKUP.CANARY is created by the DBA migration (docs/runbooks/restore.md); the backup account may insert.
    sqlplus -S -L /nolog <<SQL
WHENEVER SQLERROR EXIT FAILURE
CONNECT $(db_user)/"$(db_password)"@//$DB_HOST:$DB_PORT/$DB_NAME
MERGE INTO platform_backup.canary c USING (SELECT '$SET_ID' AS set_id FROM dual) s ON (c.set_id = s.set_id)
  WHEN NOT MATCHED THEN INSERT (set_id, taken_at) VALUES (s.set_id, SYS_EXTRACT_UTC(SYSTIMESTAMP));
COMMIT;
EXIT
SQL
    ;;
  *) die "unknown engine $ENGINE" ;;
esac
log "canary $SET_ID recorded"
