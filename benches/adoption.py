#!/usr/bin/env python3
"""Benchmark (not a test): adopting a large database nobody wrote with schemac.

Loads a database of N tables from plain SQL (each table: ~9 columns, an identity key,
a foreign key, a CHECK, two indexes, RLS with two policies calling current_setting()
per row (S005 fires twice per table), an updated_at trigger; a view every 10 tables),
then measures in one run on the same server: `schemac pull` against
`pg_dump --schema-only`, and `build`, `check` and `lint` of the pulled project, in
human and JSON output. Wall time and each process's own peak memory (wait4).

Usage: benches/adoption.py [SIZES...]   (default: 5000)
Starts the test server with scripts/pg-server; needs a release build
(cargo build --release).
"""

import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = "/tmp/schemac-bench-adoption"
BIN = os.path.join(ROOT, "target/release/schemac")


def measure(args, cwd=None):
    """Runs a command; returns (seconds, peak RSS in MiB, exit code)."""
    start = time.monotonic()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.monotonic() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def database_sql(n):
    out = ["create role bench_app;\n",
           "create function touch() returns trigger language plpgsql as $$ begin new.updated_at = now(); return new; end $$;\n"]
    for i in range(n):
        parent = "" if i == 0 else f", parent_id bigint references t{i - 1} (id)"
        out.append(
            f"create table t{i} (id bigint generated always as identity primary key, tenant_id uuid not null,"
            f" name text not null check (length(name) > 0), a int, b text, c numeric(12, 2),"
            f" created_at timestamptz not null default now(), updated_at timestamptz not null default now(),"
            f" data jsonb{parent});\n"
            f"create index t{i}_tenant on t{i} (tenant_id);\n"
            f"create index t{i}_name on t{i} (name) where b is not null;\n"
            f"alter table t{i} enable row level security;\n"
            f"create policy t{i}_read on t{i} for select to bench_app using (tenant_id = current_setting('app.tenant_id')::uuid);\n"
            f"create policy t{i}_write on t{i} for insert to bench_app with check (tenant_id = current_setting('app.tenant_id')::uuid);\n"
            f"create trigger t{i}_touch before update on t{i} for each row execute function touch();\n")
        if i % 10 == 9:
            out.append(f"create view v{i} as select id, name from t{i} where b is not null;\n")
    return "".join(out)


def main():
    sizes = [int(s) for s in sys.argv[1:]] or [5000]
    env = subprocess.run([os.path.join(ROOT, "scripts/pg-server"), "start"], check=True,
                         text=True, capture_output=True).stdout
    url = [l.split("=", 1)[1] for l in env.splitlines() if "SCHEMAC_TEST_DATABASE_URL" in l][0]
    base = url.rsplit("/", 1)[0]
    psql = "/usr/lib/postgresql/15/bin/psql"
    pg_dump = "/usr/lib/postgresql/15/bin/pg_dump"
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    rows = []
    for n in sizes:
        db = f"bench_adopt_{n}"
        subprocess.run([psql, "-q", f"{base}/postgres", "-c", f"drop database if exists {db}",
                        "-c", "drop role if exists bench_app", "-c", f"create database {db}"], check=True)
        path = os.path.join(WORK, f"db{n}.sql")
        with open(path, "w") as f:
            f.write(database_sql(n))
        subprocess.run([psql, "-q", "-v", "ON_ERROR_STOP=1", f"{base}/{db}", "-f", path], check=True,
                       stdout=subprocess.DEVNULL)
        project = os.path.join(WORK, f"p{n}")
        r = {"n": n}
        r["pg_dump"] = measure([pg_dump, "--schema-only", "-f", os.devnull, f"{base}/{db}"])
        r["pull"] = measure([BIN, "pull", "--live", f"{base}/{db}", "--out", project, "--preset", "none"])
        r["build"] = measure([BIN, "-C", project, "build"])
        r["check"] = measure([BIN, "-C", project, "check"])
        r["check json"] = measure([BIN, "-C", project, "--format", "json", "check"])
        r["lint"] = measure([BIN, "-C", project, "lint"])
        r["lint json"] = measure([BIN, "-C", project, "--format", "json", "lint"])
        rows.append(r)
    cols = ["pg_dump", "pull", "build", "check", "check json", "lint", "lint json"]
    print("| tables | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for r in rows:
        cells = [f"{r[c][0]:.2f} s, {r[c][1]:.0f} MiB" for c in cols]
        print(f"| {r['n']:,} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
