#!/bin/bash
# Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d): one role and one database
# per service, each service owning its own database (archive-service: archive, query-service: query). The owner
# owns the public schema too (PostgreSQL 15+), so each service's Flyway migrations run as that role.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v archive_password="$ARCHIVE_DB_PASSWORD" -v query_password="$QUERY_DB_PASSWORD" <<'SQL'
CREATE ROLE archive LOGIN PASSWORD :'archive_password';
CREATE DATABASE archive OWNER archive;
CREATE ROLE query LOGIN PASSWORD :'query_password';
CREATE DATABASE query OWNER query;
SQL
