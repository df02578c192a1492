//! Privileges as sets: a grant list exploded to one entry per role, privilege and
//! column, the fewest statements between two such sets, and what a schema's default
//! privileges give each object.

use super::privileges::implied_by_defaults;
use super::{DefaultObjects, GrantObject, ObjectGrant, QName, TableGrant};

/// A grant list as a set: one entry per `(role, privilege, column)` (column None for
/// the whole object), valued whether it carries the grant option.
pub type Acl = std::collections::BTreeMap<(String, String, Option<String>), bool>;

/// Roles that `implied` (what default privileges give a new relation) gives ALL:
/// every table privilege but MAINTAIN, which the model leaves out of ALL so that a
/// schema means the same on every major. On PostgreSQL 17 and newer such a role also
/// got MAINTAIN, which only `REVOKE ALL` can take back from a project that cannot
/// name it.
pub fn given_all(implied: &Acl) -> Vec<String> {
    let every = super::table_all();
    let mut roles: Vec<String> = implied.keys().map(|(r, _, _)| r.clone()).collect();
    roles.dedup();
    roles.retain(|r| {
        let has = |p: &str| implied.contains_key(&(r.clone(), p.to_string(), None));
        every.clone().all(&has) && !has("MAINTAIN")
    });
    roles
}

/// A table's (or any) grant list as an [`Acl`].
pub fn acl_of<'a>(grants: impl IntoIterator<Item = &'a TableGrant>) -> Acl {
    let mut acl = Acl::new();
    for g in grants {
        let columns: Vec<Option<String>> = if g.columns.is_empty() {
            vec![None]
        } else {
            g.columns.iter().cloned().map(Some).collect()
        };
        for c in columns {
            let e = acl
                .entry((g.role.clone(), g.privilege.clone(), c))
                .or_insert(false);
            *e |= g.grantable;
        }
    }
    acl
}

impl ObjectGrant {
    /// The grant without its object, as a table grant is written.
    pub fn as_table_grant(&self) -> TableGrant {
        TableGrant {
            role: self.role.clone(),
            privilege: self.privilege.clone(),
            columns: self.columns.clone(),
            grantable: self.grantable,
        }
    }

    /// `g` on `object`.
    pub fn on(object: &GrantObject, g: TableGrant) -> ObjectGrant {
        ObjectGrant {
            object: object.clone(),
            privilege: g.privilege,
            role: g.role,
            columns: g.columns,
            grantable: g.grantable,
        }
    }
}

/// What turns the privileges `from` into `to`, touching nothing that stays: the
/// revokes, then the grants, each with the columns of one role's privilege gathered.
/// A revoke with `grantable` set takes away only the grant option (`REVOKE GRANT
/// OPTION FOR`); a grant with it is `WITH GRANT OPTION`. Revoking a privilege from the
/// whole table takes it from every column too, so the columns `to` keeps of it are
/// granted again after.
pub fn acl_delta(from: &Acl, to: &Acl) -> (Vec<TableGrant>, Vec<TableGrant>) {
    let mut revokes: Vec<(String, String, bool, Option<String>)> = Vec::new();
    let mut grants: Vec<(String, String, bool, Option<String>)> = Vec::new();
    for ((role, privilege, column), had) in from {
        let key = (role.clone(), privilege.clone(), column.clone());
        match to.get(&key) {
            None => revokes.push((role.clone(), privilege.clone(), false, column.clone())),
            Some(false) if *had => {
                revokes.push((role.clone(), privilege.clone(), true, column.clone()))
            }
            _ => {}
        }
    }
    for ((role, privilege, column), option) in to {
        let key = (role.clone(), privilege.clone(), column.clone());
        match from.get(&key) {
            Some(had) if *had || !option => {}
            _ => grants.push((role.clone(), privilege.clone(), *option, column.clone())),
        }
    }
    grants.extend(regrants(&revokes, to, &grants));
    (gather(revokes), gather(grants))
}

/// The column privileges of `keep` that whole-table `revokes` would take away too, and
/// `grants` does not give back already.
fn regrants(
    revokes: &[(String, String, bool, Option<String>)],
    keep: &Acl,
    grants: &[(String, String, bool, Option<String>)],
) -> Vec<(String, String, bool, Option<String>)> {
    let mut out = Vec::new();
    for (role, privilege, option_only, column) in revokes {
        if *option_only || column.is_some() {
            continue;
        }
        for ((r, p, c), option) in keep {
            let entry = (r.clone(), p.clone(), *option, c.clone());
            if r == role && p == privilege && c.is_some() && !grants.contains(&entry) {
                out.push(entry);
            }
        }
    }
    out
}

/// The column privileges of `to` that the whole-table `revokes` take away with them,
/// to be granted again after.
pub fn column_regrants(revokes: &[TableGrant], to: &Acl) -> Vec<TableGrant> {
    let flat: Vec<(String, String, bool, Option<String>)> = revokes
        .iter()
        .filter(|g| g.columns.is_empty())
        .map(|g| (g.role.clone(), g.privilege.clone(), g.grantable, None))
        .collect();
    gather(regrants(&flat, to, &[]))
}

/// Gathers the columns of entries that differ only in their column.
fn gather(mut entries: Vec<(String, String, bool, Option<String>)>) -> Vec<TableGrant> {
    entries.sort();
    let mut out: Vec<TableGrant> = Vec::new();
    for (role, privilege, grantable, column) in entries {
        if let (Some(c), Some(last)) = (&column, out.last_mut()) {
            if last.role == role
                && last.privilege == privilege
                && last.grantable == grantable
                && !last.columns.is_empty()
            {
                last.columns.push(c.clone());
                continue;
            }
        }
        out.push(TableGrant {
            role,
            privilege,
            columns: column.into_iter().collect(),
            grantable,
        });
    }
    out
}

/// `(privilege, columns)` pairs, in order.
type Privileges = Vec<(String, Vec<String>)>;

/// Grantees that get (or lose) the same privileges on one object, for one statement:
/// `GRANT SELECT, UPDATE (a) ON … TO r1, r2`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantGroup {
    /// `(privilege, columns)` in order.
    pub privileges: Privileges,
    /// Grantees in order of first appearance (`public` for PUBLIC).
    pub roles: Vec<String>,
    /// `WITH GRANT OPTION` (a revoke: only the grant option).
    pub grantable: bool,
}

/// Groups grants (or revokes) of one object: each grantee's privileges gathered, then
/// grantees with the same privileges together, in order of first appearance. The
/// privileges are always listed, never `ALL`, whose meaning grows with PostgreSQL
/// versions (MAINTAIN on 17).
pub fn group_grants(gs: &[TableGrant]) -> Vec<GrantGroup> {
    let mut by_role: Vec<((String, bool), Privileges)> = Vec::new();
    for g in gs {
        let key = (g.role.clone(), g.grantable);
        let entry = (g.privilege.clone(), g.columns.clone());
        match by_role.iter_mut().find(|(k, _)| *k == key) {
            Some((_, privs)) => privs.push(entry),
            None => by_role.push((key, vec![entry])),
        }
    }
    let mut groups: Vec<GrantGroup> = Vec::new();
    for ((role, grantable), privileges) in by_role {
        match groups
            .iter_mut()
            .find(|g| g.privileges == privileges && g.grantable == grantable)
        {
            Some(g) => g.roles.push(role),
            None => groups.push(GrantGroup {
                privileges,
                roles: vec![role],
                grantable,
            }),
        }
    }
    groups
}

impl super::Schema {
    /// The schema `object` lives in (empty for a schema itself), if it is declared.
    fn home_of<'a>(&'a self, object: &'a GrantObject) -> Option<&'a str> {
        match object {
            GrantObject::Schema(_) => Some(""),
            GrantObject::Sequence(q) | GrantObject::Relation(q) | GrantObject::Type(q) => {
                Some(&q.schema)
            }
            GrantObject::Function(k, _) => self.functions.get(k).map(|f| f.name.schema.as_str()),
        }
    }

    /// What default privileges give `object` when it is created: the project's and the
    /// platform's ([`super::Schema::platform_defaults`]). What the object does not declare of
    /// it is revoked after CREATE.
    pub fn implied_acl(&self, object: &GrantObject) -> Acl {
        let mut acl = self.defaults_acl(object, &self.default_privileges);
        acl.extend(self.defaults_acl(object, &self.platform_defaults));
        acl
    }

    /// What an object declares before its own grants and revokes: what the project's
    /// default privileges give it. A partition of a table with row level security
    /// starts with nothing, since reading it directly bypasses its parent's policies.
    pub fn baseline_acl(&self, object: &GrantObject) -> Acl {
        if let GrantObject::Relation(q) = object {
            if self.is_rls_partition(q) {
                return Acl::new();
            }
        }
        self.defaults_acl(object, &self.default_privileges)
    }

    /// True when `q` is a partition of a table with row level security.
    pub fn is_rls_partition(&self, q: &QName) -> bool {
        let parent = self
            .tables
            .get(q)
            .and_then(|t| t.partition_of.as_ref())
            .and_then(|p| self.tables.get(&p.parent));
        parent.is_some_and(|p| p.rls)
    }

    fn defaults_acl(&self, object: &GrantObject, defaults: &[super::DefaultPrivilege]) -> Acl {
        let (Some(home), Some(on)) = (self.home_of(object), DefaultObjects::of(object)) else {
            return Acl::new();
        };
        let (grants, _) = implied_by_defaults(defaults, home, on);
        grants
            .into_iter()
            .map(|(role, privilege, grantable)| ((role, privilege, None), grantable))
            .collect()
    }

    /// The grants of `object`.
    pub fn object_acl(&self, object: &GrantObject) -> Acl {
        let grants: Vec<TableGrant> = self
            .grants
            .iter()
            .filter(|g| &g.object == object)
            .map(ObjectGrant::as_table_grant)
            .collect();
        acl_of(&grants)
    }

    /// True when default privileges take PUBLIC's built-in privilege away from `object`
    /// when it is created.
    pub fn implied_revoked(&self, object: &GrantObject) -> bool {
        match (self.home_of(object), DefaultObjects::of(object)) {
            (Some(home), Some(on)) => implied_by_defaults(&self.default_privileges, home, on).1,
            _ => false,
        }
    }

    /// True when `object` starts without PUBLIC's built-in privilege in the declared
    /// state: default privileges take it, or routines are private.
    pub fn baseline_revoked(&self, object: &GrantObject) -> bool {
        self.implied_revoked(object)
            || (self.routines_private && matches!(object, GrantObject::Function(..)))
    }

    /// True when default privileges (the project's or the platform's) apply at all.
    pub fn has_defaults(&self) -> bool {
        !self.default_privileges.is_empty() || !self.platform_defaults.is_empty()
    }

    /// PUBLIC's built-in privileges taken away from `object`.
    pub fn revoked_of(&self, object: &GrantObject) -> Vec<&ObjectGrant> {
        self.revoked
            .iter()
            .filter(|g| &g.object == object)
            .collect()
    }

    /// What `ALTER … OWNER TO` calls `object`, and its name as PostgreSQL prints it with
    /// an empty `search_path`: `("MATERIALIZED VIEW", "public.mv")`.
    pub fn owner_kind(&self, object: &GrantObject) -> (&'static str, String) {
        match object {
            GrantObject::Schema(s) => ("SCHEMA", super::quote_ident(s).into_owned()),
            GrantObject::Sequence(q) => ("SEQUENCE", q.sql()),
            GrantObject::Function(k, sql) => {
                let procedure = self.functions.get(k).is_some_and(|f| f.procedure);
                (
                    if procedure { "PROCEDURE" } else { "FUNCTION" },
                    sql.clone(),
                )
            }
            GrantObject::Relation(q) if self.tables.contains_key(q) => ("TABLE", q.sql()),
            GrantObject::Relation(q) if self.views.get(q).is_some_and(|v| v.materialized) => {
                ("MATERIALIZED VIEW", q.sql())
            }
            GrantObject::Relation(q) => ("VIEW", q.sql()),
            GrantObject::Type(q) if self.domains.contains_key(q) => ("DOMAIN", q.sql()),
            GrantObject::Type(q) => ("TYPE", q.sql()),
        }
    }

    /// Every object an owner can be declared for: the tables and
    /// [`Self::grantable_objects`].
    pub fn ownable_objects(&self) -> Vec<GrantObject> {
        let mut out: Vec<GrantObject> = self
            .tables
            .keys()
            .map(|q| GrantObject::Relation(q.clone()))
            .collect();
        out.extend(self.grantable_objects());
        out
    }

    /// Every object other than a table that privileges apply to: schemas, sequences,
    /// views, routines and types.
    pub fn grantable_objects(&self) -> Vec<GrantObject> {
        let mut out: Vec<GrantObject> = Vec::new();
        out.extend(self.schemas.keys().map(|s| GrantObject::Schema(s.clone())));
        out.extend(
            self.sequences
                .keys()
                .map(|q| GrantObject::Sequence(q.clone())),
        );
        out.extend(self.views.keys().map(|q| GrantObject::Relation(q.clone())));
        out.extend(self.functions.iter().map(|(k, f)| {
            GrantObject::Function(
                k.clone(),
                format!("{}({})", f.name.sql(), f.identity_args()),
            )
        }));
        let types = self
            .enums
            .keys()
            .chain(self.domains.keys())
            .chain(self.composites.keys());
        out.extend(types.map(|q| GrantObject::Type(q.clone())));
        out
    }

    /// Every object other than a table whose privileges need statements once it is
    /// created: it has grants, PUBLIC's built-in privilege taken away, or something
    /// default privileges give it taken away.
    pub fn grant_objects(&self) -> std::collections::BTreeSet<GrantObject> {
        let mut out: std::collections::BTreeSet<GrantObject> = self
            .grants
            .iter()
            .chain(&self.revoked)
            .map(|g| g.object.clone())
            .collect();
        if self.has_defaults() {
            let candidates = self.grantable_objects();
            for o in candidates {
                if out.contains(&o) {
                    continue;
                }
                // Granted something by the defaults (to be revoked), or PUBLIC's built-in
                // privilege taken by the defaults (to be given back: nothing revoked).
                if !self.implied_acl(&o).is_empty() || self.implied_revoked(&o) {
                    out.insert(o);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(role: &str, privilege: &str, columns: &[&str], grantable: bool) -> TableGrant {
        TableGrant {
            role: role.into(),
            privilege: privilege.into(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            grantable,
        }
    }

    #[test]
    fn a_delta_touches_only_what_changes() {
        let from = acl_of(&[
            g("a", "SELECT", &[], false),
            g("b", "UPDATE", &["x", "y"], false),
        ]);
        let to = acl_of(&[
            g("a", "SELECT", &[], false),
            g("b", "UPDATE", &["x", "y", "z"], false),
            g("c", "INSERT", &[], false),
        ]);
        let (revokes, grants) = acl_delta(&from, &to);
        assert!(revokes.is_empty(), "{revokes:?}");
        assert_eq!(
            grants,
            vec![
                g("b", "UPDATE", &["z"], false),
                g("c", "INSERT", &[], false)
            ]
        );
        assert_eq!(acl_delta(&to, &to), (Vec::new(), Vec::new()));
    }

    #[test]
    fn the_grant_option_comes_and_goes_alone() {
        let plain = acl_of(&[g("a", "SELECT", &[], false)]);
        let option = acl_of(&[g("a", "SELECT", &[], true)]);
        // Adding the option grants WITH GRANT OPTION; taking it revokes only the option.
        assert_eq!(
            acl_delta(&plain, &option),
            (Vec::new(), vec![g("a", "SELECT", &[], true)])
        );
        assert_eq!(
            acl_delta(&option, &plain),
            (vec![g("a", "SELECT", &[], true)], Vec::new())
        );
        // Dropping a grantable privilege revokes it whole.
        assert_eq!(
            acl_delta(&option, &Acl::new()),
            (vec![g("a", "SELECT", &[], false)], Vec::new())
        );
    }

    #[test]
    fn a_table_wide_revoke_gives_the_kept_columns_back() {
        let from = acl_of(&[
            g("a", "UPDATE", &[], false),
            g("a", "UPDATE", &["x"], false),
        ]);
        let to = acl_of(&[g("a", "UPDATE", &["x"], false)]);
        // REVOKE UPDATE ON TABLE also takes UPDATE (x): it is granted again after.
        assert_eq!(
            acl_delta(&from, &to),
            (
                vec![g("a", "UPDATE", &[], false)],
                vec![g("a", "UPDATE", &["x"], false)]
            )
        );
        assert_eq!(
            column_regrants(&[g("a", "UPDATE", &[], false)], &to),
            vec![g("a", "UPDATE", &["x"], false)]
        );
        // Only the grant option taken: the columns stay.
        assert!(column_regrants(&[g("a", "UPDATE", &[], true)], &to).is_empty());
    }

    #[test]
    fn columns_of_one_privilege_are_gathered() {
        let to = acl_of(&[
            g("a", "SELECT", &["p", "q"], false),
            g("a", "SELECT", &[], false),
        ]);
        let (_, grants) = acl_delta(&Acl::new(), &to);
        assert_eq!(
            grants,
            vec![
                g("a", "SELECT", &[], false),
                g("a", "SELECT", &["p", "q"], false)
            ]
        );
    }
}
