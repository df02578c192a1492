//! Renames declared with `renamed from`: hints for the differ, never part of the
//! recorded state. Entries after `tables` name their table by its new name.

use super::QName;

/// Declared renames, old name → new name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Renames {
    /// Tables.
    pub tables: Vec<(QName, QName)>,
    /// Columns: (table, old, new).
    pub columns: Vec<(QName, String, String)>,
    /// Enum labels: (enum, old, new).
    pub enum_values: Vec<(QName, String, String)>,
    /// Routines: (old signature key, new signature key).
    pub functions: Vec<(String, String)>,
    /// Indexes: (table, old, new).
    pub indexes: Vec<(QName, String, String)>,
    /// Constraints: (table, old, new).
    pub constraints: Vec<(QName, String, String)>,
    /// Policies: (table, old, new).
    pub policies: Vec<(QName, String, String)>,
}

impl Renames {
    /// True when nothing is renamed.
    pub fn is_empty(&self) -> bool {
        *self == Renames::default()
    }

    /// Appends `other`'s renames after these.
    pub fn append(&mut self, mut other: Renames) {
        self.tables.append(&mut other.tables);
        self.columns.append(&mut other.columns);
        self.enum_values.append(&mut other.enum_values);
        self.functions.append(&mut other.functions);
        self.indexes.append(&mut other.indexes);
        self.constraints.append(&mut other.constraints);
        self.policies.append(&mut other.policies);
    }

    /// The renames that undo these (for the rollback): tables new → old, and the other
    /// entries keyed by the table's old name.
    pub fn inverted(&self) -> Renames {
        let table = |q: &QName| -> QName {
            self.tables
                .iter()
                .find(|(_, new)| new == q)
                .map_or_else(|| q.clone(), |(old, _)| old.clone())
        };
        let flip = |v: &[(QName, String, String)]| -> Vec<(QName, String, String)> {
            v.iter()
                .map(|(t, a, b)| (table(t), b.clone(), a.clone()))
                .collect()
        };
        Renames {
            tables: self
                .tables
                .iter()
                .map(|(a, b)| (b.clone(), a.clone()))
                .collect(),
            columns: flip(&self.columns),
            enum_values: self
                .enum_values
                .iter()
                .map(|(e, a, b)| (e.clone(), b.clone(), a.clone()))
                .collect(),
            functions: self
                .functions
                .iter()
                .map(|(a, b)| (b.clone(), a.clone()))
                .collect(),
            indexes: flip(&self.indexes),
            constraints: flip(&self.constraints),
            policies: flip(&self.policies),
        }
    }
}

/// `allow data loss on …`: drops a build may emit for these objects.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Allowances {
    /// Tables that may be dropped.
    pub tables: Vec<QName>,
    /// Columns that may be dropped: (table, column).
    pub columns: Vec<(QName, String)>,
}
