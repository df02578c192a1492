//! The generated schema every benchmark builds.

use std::fmt::Write as _;

/// A schema of `n` tables: ~9 columns, a primary key, one or two foreign keys, a
/// check, a plain and a partial index, RLS with two policies, an updated_at trigger;
/// plus enums and views. Laid out as a project would be: shared declarations in one
/// file, then one file per group of 100 tables.
pub fn schema(n: usize) -> Vec<(String, String)> {
    let mut files = vec![("common.pgs".to_string(), String::from(
        "extern role authenticated\n\
         enum status ('new', 'active', 'done')\n\
         enum priority ('low', 'high')\n\
         function touch() returns trigger language plpgsql as $$ begin new.updated_at = now(); return new; end $$\n\
         mixin stamped {\n  created_at timestamptz not null default now()\n  updated_at timestamptz not null default now()\n  \
         trigger ${table}_touch before update for each row execute function touch()\n}\n\
         mixin owned {\n  rls enabled\n  policy ${table}_read for select to authenticated using (owner = 1)\n  \
         policy ${table}_write for insert to authenticated with check (owner = 1)\n}\n",
    ))];
    for i in 0..n {
        if i % 100 == 0 {
            files.push((format!("tables_{:03}.pgs", i / 100), String::new()));
        }
        let s = &mut files.last_mut().expect("a file per 100 tables").1;
        let _ = write!(
            s,
            "table t{i} {{\n  id bigint primary key generated always as identity\n  owner integer not null\n  \
             name text not null check (length(name) < 200)\n  status status not null default 'new'\n  \
             prio priority\n  amount numeric(12, 2)\n  data jsonb not null default '{{}}'\n"
        );
        if i > 0 {
            let _ = writeln!(
                s,
                "  parent_id bigint references t{} on delete cascade",
                i - 1
            );
        }
        if i > 1 {
            let _ = writeln!(
                s,
                "  other_id bigint references t{} on delete set null",
                i / 2
            );
        }
        let _ = write!(
            s,
            "  use stamped\n  index (owner, created_at desc)\n  index (status) where status <> 'done'\n  use owned\n}}\n"
        );
        if i % 100 == 0 {
            let _ = writeln!(
                s,
                "view v{i} as select id, name from t{i} where status = 'active';"
            );
        }
    }
    files
}
