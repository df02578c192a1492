//! Stable diagnostic codes. A code never changes meaning once released; README.md
//! lists them. Prefixes: `P` parse, `C` check, `G` graph, `D` diff and build, `S`
//! security lints.

use serde::Serialize;
use std::fmt;

macro_rules! codes {
    ($($variant:ident = $text:literal: $summary:literal,)*) => {
        /// A stable diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $summary] $variant,)*
        }

        impl Code {
            /// The code as printed, such as `C004`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $text,)* }
            }

            /// What the code means, in one line.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            /// True for the security lints (`S…`), whose level is configurable.
            pub fn is_lint(self) -> bool {
                self.as_str().starts_with('S')
            }

            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];
        }
    };
}

codes! {
    SyntaxItem = "P001": "a top-level declaration does not parse",
    SyntaxMember = "P002": "a member of a table or mixin block does not parse",
    ReadFile = "P003": "a source file cannot be read",
    NestingTooDeep = "P004": "brackets, braces or comments nest deeper than the parser allows",
    Duplicate = "C001": "an object is declared twice",
    DuplicateColumn = "C002": "a column is declared twice in one table",
    UnknownTable = "C003": "a referenced table does not exist",
    UnknownColumn = "C004": "a referenced column does not exist",
    UnknownType = "C005": "a type is neither built in nor declared",
    UnknownFunction = "C006": "a referenced function is not declared",
    UnknownRole = "C007": "a role is not declared (`extern role`)",
    UnknownSchema = "C008": "an object is placed in a schema that is not declared",
    FkArity = "C009": "a foreign key has a different number of columns than its target",
    FkTypeMismatch = "C010": "a foreign key column's type differs from the referenced column's",
    FkTargetNotUnique = "C011": "a foreign key references columns without a primary key or unique constraint",
    PolicyWithoutRls = "C012": "a policy is declared on a table without `rls enabled`",
    UnknownMixin = "C013": "`use` names a mixin that does not exist",
    MixinArgs = "C014": "mixin arguments do not match the mixin's parameters",
    MultiplePrimaryKeys = "C015": "a table declares more than one primary key",
    NameTooLong = "C016": "an identifier is longer than PostgreSQL's 63-byte limit",
    BadTypeModifier = "C017": "a type modifier is not valid for its type",
    DuplicateMember = "C018": "two indexes, constraints, policies or triggers share a name",
    BadSeed = "C019": "seed rows do not match their column list or key",
    MixinCycle = "C020": "mixins use each other in a cycle",
    BadOption = "C021": "an option or keyword is not valid here",
    TriggerFunction = "C022": "a trigger's function does not return `trigger`",
    ConflictingColumn = "C023": "a column combines options PostgreSQL does not allow together",
    BadPartition = "C024": "a partition is declared on a table that is not partitioned",
    ExternConflict = "C025": "an object is declared both as extern and as managed",
    BadPrivilege = "C026": "a privilege is not valid for the object it is granted on",
    BadEnum = "C027": "an enum is empty or repeats a value",
    UnknownPlaceholder = "C028": "a `${name}` placeholder has no value",
    NothingToRevoke = "C029": "a revoke takes away a privilege the object would not have",
    TargetLacksFeature = "C030": "a feature is newer than the oldest PostgreSQL the project targets",
    UnknownPublication = "C031": "a table joins a publication that is not declared (`publication` or `extern publication`)",
    DependencyCycle = "G001": "objects depend on each other in a cycle",
    DataLoss = "D001": "a change would lose data and was not allowed",
    Unsupported = "D002": "a change cannot be expressed exactly as a migration yet",
    EditedMigration = "D003": "a committed migration file no longer matches its recorded checksum",
    BadState = "D004": "the recorded migration state cannot be read",
    DeployRisk = "D005": "a migration step that fails or blocks on a table that already has rows",
    LintNoRls = "S001": "a table in an exposed schema has no row level security",
    LintRlsNoPolicy = "S002": "row level security is enabled but the table has no policy",
    LintNoWithCheck = "S003": "an INSERT, UPDATE or ALL policy has no WITH CHECK",
    LintUsingTrue = "S004": "a write policy, or a policy on a tenant's table, is `true`",
    LintPerRowCall = "S005": "a policy calls auth.uid(), auth.jwt() or current_setting() once per row",
    LintUnindexedPolicyColumn = "S006": "a policy filters by a column that no index leads with",
    LintDefinerSearchPath = "S007": "a SECURITY DEFINER function has no fixed search_path",
    LintViewBypassesRls = "S008": "a view reads a table with row level security without security_invoker",
    LintUserMetadata = "S009": "a policy trusts user_metadata, which users edit themselves",
    LintAnonTenantGrant = "S010": "the anon role is granted a tenant's table",
    LintPolicyRecursion = "S011": "policies read each other's tables: infinite recursion",
    LintDefinerCallable = "S012": "a SECURITY DEFINER function in an exposed schema is executable by anon or authenticated",
    LintParentNotOwned = "S013": "a write policy checks a row's owner but not the owner of the parent row it references",
    LintTableWideUpdate = "S014": "an API role may UPDATE every column of its own row, including columns that decide privileges or billing",
    LintViewExposesAuth = "S015": "a view in an exposed schema reads the auth schema's tables with its owner's rights",
    LintSignedInIsEnough = "S016": "a policy on a tenant's table is true for every signed-in user, or admits requests without identity",
    LintInsertWithoutDefault = "S017": "a role granted a table privilege cannot use a sequence or function the table's defaults, checks, generated columns or policies call",
    LintExtensionExposed = "S018": "an extension is installed in a schema the API serves",
    LintStoragePathUnbound = "S019": "a storage policy lets users write objects without tying the path to them",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
