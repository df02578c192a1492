//! Upgrades from what earlier versions of schemac left in a database: steps the model
//! difference alone does not call for, taken once when the recorded state says the
//! migrations so far were written the old way.
//!
//! Revokes after CREATE once listed the privileges default privileges gave a role. On
//! PostgreSQL 17 and newer a platform's `GRANT ALL` default also gives MAINTAIN, which
//! a list written for every major cannot name: every table and view those migrations
//! created kept MAINTAIN for the API roles. A state without
//! [`Schema::relations_revoke_all`] gets, for each relation it keeps, `REVOKE ALL` from
//! the roles defaults give ALL and its declared grants back.

use super::step::Step;
use crate::model::{given_all, GrantObject, QName, Schema};

/// The upgrade steps from `prev` to `next`; `recreated` tells a relation this plan
/// creates (again), which gets the new form anyway.
pub(super) fn privileges(
    prev: &Schema,
    next: &Schema,
    recreated: impl Fn(&QName) -> bool,
) -> Vec<Step> {
    if prev.relations_revoke_all || !next.relations_revoke_all {
        return Vec::new();
    }
    let tables = next
        .tables
        .iter()
        .filter(|(q, t)| !t.external && prev.tables.contains_key(*q))
        .map(|(q, _)| q);
    let views = next.views.keys().filter(|q| prev.views.contains_key(*q));
    tables
        .chain(views)
        .filter(|q| !recreated(q))
        .filter_map(|q| {
            let roles = given_all(&next.implied_acl(&GrantObject::Relation(q.clone())));
            (!roles.is_empty()).then(|| Step::RevokeDefaultAll {
                relation: q.clone(),
                roles,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::diff::{diff, Step};
    use crate::model::Schema;

    fn supabase(text: &str) -> Schema {
        let c = crate::project::load::compile_sources(
            vec![("x.pgs".into(), "x.pgs".into(), text.to_string())],
            Some("supabase"),
        );
        c.schema.expect("compiles")
    }

    #[test]
    fn a_state_from_an_earlier_schemac_takes_back_what_all_gave_once() {
        let next = supabase(
            "table t {\n  id int primary key\n  grant select to authenticated\n}\nview v as select id from t;\ntable fresh {\n  id int primary key\n}\n",
        );
        let mut old = next.clone();
        old.relations_revoke_all = false;
        old.tables.retain(|q, _| q.name != "fresh");
        let plan = diff(&old, &next).expect("plan");
        let upgraded: Vec<String> = plan
            .all()
            .filter_map(|s| match s {
                Step::RevokeDefaultAll { relation, roles } => {
                    Some(format!("{relation} {}", roles.join(",")))
                }
                _ => None,
            })
            .collect();
        // The new table is created with REVOKE ALL already; kept relations are upgraded.
        assert_eq!(
            upgraded,
            [
                "public.t anon,authenticated,service_role",
                "public.v anon,authenticated,service_role"
            ]
        );
        let sql = crate::sql::render(&plan, &old, &next, false).to_file(&[]);
        assert!(
            sql.contains("REVOKE ALL ON TABLE public.t FROM anon, authenticated, service_role;\n\nGRANT SELECT ON TABLE public.t TO authenticated;"),
            "{sql}"
        );
        assert!(diff(&next, &next).expect("plan").is_empty(), "once only");
    }
}
