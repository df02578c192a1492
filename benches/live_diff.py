#!/usr/bin/env python3
"""Benchmark (not a test): `schemac diff --live` (warm) against `pg_dump --schema-only`
and migra, on synthetic databases of 1,000 and 5,000 tables.

Each table has ~9 columns, a primary key, one or two foreign keys, a CHECK, a plain and
a partial index, RLS with two policies and an updated_at trigger; there are enums and a
view every 100 tables (the same shape as `cargo bench --bench build`). For each size:
database A is migrated by schemac; database B is A plus one extra column (so migra has
something to find). Measured per tool, in one run on the same server: wall time and
the peak resident memory of the process (its own, from wait4).

Usage: benches/live_diff.py [SIZES...]   (default: 1000 5000)
Needs scripts/pg-server (started here) and, for migra, a virtualenv it creates in
/tmp/schemac-bench-venv (pip install migra psycopg2-binary 'sqlalchemy<2').
"""

import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = "/tmp/schemac-bench-live"
VENV = "/tmp/schemac-bench-venv"


def sh(*args, **kw):
    return subprocess.run(args, check=True, text=True, capture_output=True, **kw)


def measure(args, env=None):
    """Runs a command; returns (seconds, peak RSS in MiB, exit code)."""
    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode


def schema(n):
    files = {"common.pgs": (
        "extern role authenticated\n"
        "enum status ('new', 'active', 'done')\n"
        "enum priority ('low', 'high')\n"
        "function touch() returns trigger language plpgsql as $$ begin new.updated_at = now(); return new; end $$\n"
        "mixin stamped {\n  created_at timestamptz not null default now()\n  updated_at timestamptz not null default now()\n"
        "  trigger ${table}_touch before update for each row execute function touch()\n}\n"
        "mixin owned {\n  rls enabled\n  policy ${table}_read for select to authenticated using (owner = 1)\n"
        "  policy ${table}_write for insert to authenticated with check (owner = 1)\n}\n")}
    for i in range(n):
        name = "tables_%03d.pgs" % (i // 100)
        s = files.setdefault(name, "")
        s += ("table t%d {\n  id bigint primary key generated always as identity\n  owner integer not null\n"
              "  name text not null check (length(name) < 200)\n  status status not null default 'new'\n"
              "  prio priority\n  amount numeric(12, 2)\n  data jsonb not null default '{}'\n") % i
        if i > 0:
            s += "  parent_id bigint references t%d on delete cascade\n" % (i - 1)
        if i > 1:
            s += "  other_id bigint references t%d on delete set null\n" % (i // 2)
        s += "  use stamped\n  index (owner, created_at desc)\n  index (status) where status <> 'done'\n  use owned\n}\n"
        if i % 100 == 0:
            s += "view v%d as select id, name from t%d where status = 'active';\n" % (i, i)
        files[name] = s
    return files


def migra_bin():
    exe = os.path.join(VENV, "bin", "migra")
    if not os.path.exists(exe):
        sh(sys.executable, "-m", "venv", VENV)
        sh(os.path.join(VENV, "bin", "pip"), "install", "-q", "migra", "psycopg2-binary", "sqlalchemy<2")
    return exe


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 5000]
    env_lines = sh(os.path.join(ROOT, "scripts", "pg-server"), "start").stdout
    env = dict(os.environ)
    for line in env_lines.splitlines():
        key, _, value = line.removeprefix("export ").partition("=")
        env[key] = value
    server = env["SCHEMAC_TEST_DATABASE_URL"]
    base = server.rsplit("/", 1)[0]
    sh("cargo", "build", "--release", "--quiet", cwd=ROOT)
    schemac = os.path.join(ROOT, "target", "release", "schemac")
    pg_dump = "/usr/lib/postgresql/15/bin/pg_dump"
    migra = migra_bin()
    rows = []
    for n in sizes:
        proj = os.path.join(WORK, "n%d" % n)
        shutil.rmtree(proj, ignore_errors=True)
        os.makedirs(os.path.join(proj, "src"))
        with open(os.path.join(proj, "schemac.toml"), "w") as f:
            f.write('[[project]]\nname = "bench"\nsource = "src"\noutput = "out"\n')
        for name, text in schema(n).items():
            with open(os.path.join(proj, "src", name), "w") as f:
                f.write(text)
        sh(schemac, "-C", proj, "build")
        a, b = "bench_a_%d" % n, "bench_b_%d" % n
        for db in (a, b):
            sh("psql", server, "-qc", "DROP DATABASE IF EXISTS %s" % db)
            sh("psql", server, "-qc", "CREATE DATABASE %s" % db)
            url = "%s/%s" % (base, db)
            sh(schemac, "-C", proj, "prelude", "--apply", url)
            sh(schemac, "-C", proj, "migrate", "--live", url, "--lock-timeout", "0")
        sh("psql", "%s/%s" % (base, b), "-qc", "ALTER TABLE public.t1 ADD COLUMN extra int")
        url_a, url_b = "%s/%s" % (base, a), "%s/%s" % (base, b)
        measure([schemac, "-C", proj, "diff", "--live", url_a])  # cold: caches the canonical state
        warm = measure([schemac, "-C", proj, "diff", "--live", url_a])
        dump = measure([pg_dump, "--schema-only", "-f", "/dev/null", url_a])
        # SQLAlchemy (migra) knows the scheme as postgresql://.
        alchemy = lambda u: u.replace("postgres://", "postgresql://", 1)
        mig = measure([migra, "--unsafe", alchemy(url_a), alchemy(url_b)])
        if mig[2] not in (0, 2):
            sys.exit("migra failed (exit %d)" % mig[2])
        rows.append((n, warm, dump, mig))
        print("%5d tables: schemac diff (warm) %.2f s %.0f MiB (exit %d) | pg_dump --schema-only %.2f s %.0f MiB | migra %.2f s %.0f MiB (exit %d)"
              % (n, warm[0], warm[1], warm[2], dump[0], dump[1], mig[0], mig[1], mig[2]), flush=True)
        for db in (a, b):
            sh("psql", server, "-qc", "DROP DATABASE %s" % db)
    print("\n| tables | schemac diff --live (warm) | pg_dump --schema-only | migra | schemac vs pg_dump | migra / schemac |")
    print("|---|---|---|---|---|---|")
    for n, w, d, m in rows:
        print("| %s | %.2f s, %.0f MiB | %.2f s, %.0f MiB | %.2f s, %.0f MiB | %.1f× faster | %.0f× |"
              % (format(n, ","), w[0], w[1], d[0], d[1], m[0], m[1], d[0] / w[0], m[0] / w[0]))


if __name__ == "__main__":
    main()
