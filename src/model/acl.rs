//! Privileges as sets: a grant list exploded to one entry per role, privilege and
//! column, the fewest statements between two such sets, and what a schema's default
//! privileges give each object.

use super::privileges::implied_by_defaults;
use super::{DefaultObjects, GrantObject, ObjectGrant, TableGrant};

/// A grant list as a set: one entry per `(role, privilege, column)` (column None for
/// the whole object), valued whether it carries the grant option.
pub type Acl = std::collections::BTreeMap<(String, String, Option<String>), bool>;

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
/// OPTION FOR`); a grant with it is `WITH GRANT OPTION`.
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
    (gather(revokes), gather(grants))
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

    /// What default privileges give `object` when it is created.
    pub fn implied_acl(&self, object: &GrantObject) -> Acl {
        let (Some(home), Some(on)) = (self.home_of(object), DefaultObjects::of(object)) else {
            return Acl::new();
        };
        let (grants, _) = implied_by_defaults(&self.default_privileges, home, on);
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

    /// True when default privileges take PUBLIC's built-in privilege away from `object`.
    pub fn implied_revoked(&self, object: &GrantObject) -> bool {
        match (self.home_of(object), DefaultObjects::of(object)) {
            (Some(home), Some(on)) => implied_by_defaults(&self.default_privileges, home, on).1,
            _ => false,
        }
    }

    /// PUBLIC's built-in privileges taken away from `object`.
    pub fn revoked_of(&self, object: &GrantObject) -> Vec<&ObjectGrant> {
        self.revoked
            .iter()
            .filter(|g| &g.object == object)
            .collect()
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
        if !self.default_privileges.is_empty() {
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
