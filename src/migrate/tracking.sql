-- schemac's migration history: one row per applied migration.
CREATE SCHEMA IF NOT EXISTS schemac;
CREATE TABLE IF NOT EXISTS schemac.migrations (
    project      text        NOT NULL,
    version      text        NOT NULL,
    name         text        NOT NULL,
    checksum     text        NOT NULL,
    applied_at   timestamptz NOT NULL DEFAULT now(),
    execution_ms bigint      NOT NULL,
    applied_by   text        NOT NULL DEFAULT current_user,
    PRIMARY KEY (project, version)
);
-- A migration (or rollback) whose run stopped after some of its parts committed:
-- the next run resumes at the part that failed.
CREATE TABLE IF NOT EXISTS schemac.progress (
    project  text    NOT NULL,
    version  text    NOT NULL,
    down     boolean NOT NULL,
    checksum text    NOT NULL,
    parts    integer NOT NULL,
    PRIMARY KEY (project, version)
);
-- `schemac repair`: every checksum re-recorded, with who did it and when.
CREATE TABLE IF NOT EXISTS schemac.repairs (
    project      text        NOT NULL,
    version      text        NOT NULL,
    old_checksum text        NOT NULL,
    new_checksum text        NOT NULL,
    repaired_at  timestamptz NOT NULL DEFAULT now(),
    repaired_by  text        NOT NULL DEFAULT current_user
);
