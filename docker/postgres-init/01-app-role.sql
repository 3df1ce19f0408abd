-- Runs once, when the PostgreSQL volume is created (docker-entrypoint-initdb.d).
-- The application connects as renja_app: it may read and append the ledger, never UPDATE, DELETE or
-- TRUNCATE it. Migrations run as renja (the database owner) through RENJA_MIGRATION_DATABASE_URL and
-- grant renja_app what it needs (docs/security.md). Change both passwords for anything but a trial.
CREATE ROLE renja_app LOGIN PASSWORD 'renja_app' NOSUPERUSER NOCREATEDB NOCREATEROLE;
GRANT CONNECT, TEMPORARY ON DATABASE renja_ledger TO renja_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
