//! Syntax-shaped nodes. Every node carries a [`Span`]; nothing here is resolved.
//! Identifiers are already case-folded the PostgreSQL way (unquoted → lower case).

use crate::diagnostics::Span;

/// An identifier, folded: `Foo` → `foo`, `"Foo"` → `Foo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The folded name.
    pub name: String,
    /// Where it was written.
    pub span: Span,
}

/// A possibly schema-qualified name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QName {
    /// The schema, when written.
    pub schema: Option<Ident>,
    /// The object name.
    pub name: Ident,
    /// The whole name.
    pub span: Span,
}

/// Verbatim SQL text (an expression, a query, a body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sql {
    /// The text as written, trimmed.
    pub text: String,
    /// Where it was written.
    pub span: Span,
}

/// A type as written, such as `numeric(10,2)[]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeRef {
    /// The base name (possibly qualified, folded), e.g. `numeric` or `public.status`.
    pub base: QName,
    /// Multi-word built-in spelling, when used (`double precision`, `timestamp with time zone`).
    pub words: Option<String>,
    /// Type modifiers inside parentheses, verbatim.
    pub modifiers: Option<String>,
    /// Number of array dimensions.
    pub array_dims: usize,
    /// Where the type was written.
    pub span: Span,
}

/// A parsed file.
#[derive(Debug, Clone, Default)]
pub struct File {
    /// The declarations, in file order.
    pub items: Vec<Item>,
}

/// A top-level declaration.
#[derive(Debug, Clone)]
pub struct Item {
    /// `///` lines before it.
    pub docs: Option<String>,
    /// What it declares.
    pub kind: ItemKind,
    /// The whole declaration.
    pub span: Span,
}

/// The kinds of top-level declaration.
#[derive(Debug, Clone)]
pub enum ItemKind {
    /// `schema name`
    Schema(Ident),
    /// `extension name [schema s] [version 'v']`
    Extension {
        /// Extension name.
        name: Ident,
        /// Schema to install into.
        schema: Option<Ident>,
        /// Version to pin.
        version: Option<String>,
    },
    /// `extern …`
    Extern(Extern),
    /// `enum name ('a', 'b' renamed from 'x')`
    Enum {
        /// Type name.
        name: QName,
        /// Labels in order, each with its span and the label it was renamed from.
        values: Vec<(String, Span, Option<String>)>,
    },
    /// `domain name as type …`
    Domain(Domain),
    /// `sequence name …`
    Sequence {
        /// Sequence name.
        name: QName,
        /// Options in order.
        options: Vec<SequenceOption>,
        /// `unlogged sequence` (an unlogged table's, as Rails dumps them).
        unlogged: bool,
    },
    /// `aggregate name(types) (sfunc = f, stype = t, …)`
    Aggregate(Aggregate),
    /// `collation name (key = value, …)`
    Collation {
        /// Collation name.
        name: QName,
        /// Options in order: key and verbatim value.
        options: Vec<(Ident, Sql)>,
    },
    /// `type name as range (subtype = …, …)`
    Range {
        /// Type name.
        name: QName,
        /// Options in order: key and verbatim value.
        options: Vec<(Ident, Sql)>,
    },
    /// `publication name [with (…)]`
    Publication {
        /// Publication name.
        name: Ident,
        /// `with (…)` options in order: key (lower case) and value.
        options: Vec<(Ident, String)>,
    },
    /// `type name as (attribute type, …)`: a composite type.
    Composite {
        /// Type name.
        name: QName,
        /// Attributes in order.
        attributes: Vec<(Ident, TypeRef)>,
    },
    /// `function` or `procedure`
    Function(Function),
    /// `view` or `materialized view`
    View(View),
    /// `[unique] index [name] on <materialized view> (…)`
    ViewIndex {
        /// The materialized view.
        view: QName,
        /// The index.
        index: Index,
    },
    /// `trigger name instead of … on <view> …`
    ViewTrigger {
        /// The view.
        view: QName,
        /// The trigger.
        trigger: Trigger,
    },
    /// `rule name as on … to <relation> … do …`
    Rule(RewriteRule),
    /// `table name { … }`
    Table(Table),
    /// `mixin name(params) { … }`
    Mixin(Mixin),
    /// `grant … on schema|sequence|function|table … to …`
    Grant(Grant),
    /// `default privileges …`
    DefaultPrivileges(DefaultPrivileges),
    /// `owner of <object> is role`.
    Owner {
        /// The object.
        target: GrantTarget,
        /// Its owner.
        role: Ident,
    },
    /// `test name { … }`: a policy test, run by `schemac test`.
    Test(TestDef),
    /// `allow data loss on table t` or `on column t.c`
    AllowDataLoss {
        /// The table.
        table: QName,
        /// The column, for a column allowance.
        column: Option<Ident>,
    },
}

/// Things the schema uses but does not manage.
#[derive(Debug, Clone)]
pub enum Extern {
    /// `extern schema auth`
    Schema(Ident),
    /// `extern role anon, authenticated`
    Roles(Vec<Ident>),
    /// `extern publication supabase_realtime`
    Publications(Vec<Ident>),
    /// `extern table auth.users (id uuid, …)`
    Table {
        /// Table name.
        name: QName,
        /// Columns that may be referenced.
        columns: Vec<(Ident, TypeRef)>,
    },
    /// `extern function auth.uid() returns uuid [as $$ … $$]`
    Function {
        /// Name.
        name: QName,
        /// Parameters.
        params: Vec<Param>,
        /// Return type.
        returns: Box<Returns>,
        /// Body for the prelude (SQL language), if given.
        body: Option<Sql>,
    },
    /// `extern type vector`
    Type(QName),
}

/// An aggregate declaration.
#[derive(Debug, Clone)]
pub struct Aggregate {
    /// Name.
    pub name: QName,
    /// Argument types (none for `(*)`).
    pub args: Vec<TypeRef>,
    /// `(*)`: an aggregate over rows, with no argument.
    pub star: bool,
    /// Options in order: key and verbatim value.
    pub options: Vec<(Ident, Sql)>,
}

/// A domain declaration.
#[derive(Debug, Clone)]
pub struct Domain {
    /// Name.
    pub name: QName,
    /// Underlying type.
    pub ty: TypeRef,
    /// `not null`
    pub not_null: bool,
    /// `default …`
    pub default: Option<Sql>,
    /// `[constraint name] check (…)`
    pub checks: Vec<(Option<Ident>, Sql)>,
}

/// One sequence option.
#[derive(Debug, Clone)]
pub enum SequenceOption {
    /// `as type`
    As(TypeRef),
    /// `increment by n`
    Increment(i64),
    /// `minvalue n`
    MinValue(i64),
    /// `maxvalue n`
    MaxValue(i64),
    /// `start with n`
    Start(i64),
    /// `cache n`
    Cache(i64),
    /// `cycle` (true) or `no cycle` (false)
    Cycle(bool),
    /// `owned by table.column`
    OwnedBy(Vec<Ident>, Span),
}

/// Parameter mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamMode {
    /// `in` (default)
    In,
    /// `out`
    Out,
    /// `inout`
    InOut,
    /// `variadic`
    Variadic,
}

/// A function parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Mode.
    pub mode: ParamMode,
    /// Name, if any.
    pub name: Option<Ident>,
    /// Type.
    pub ty: TypeRef,
    /// Default expression.
    pub default: Option<Sql>,
}

/// What a function returns.
#[derive(Debug, Clone)]
pub enum Returns {
    /// A type.
    Type(TypeRef),
    /// `setof type`
    SetOf(TypeRef),
    /// `table (col type, …)`
    Table(Vec<(Ident, TypeRef)>),
}

/// A function option.
#[derive(Debug, Clone)]
pub enum FnOption {
    /// `language x`
    Language(Ident),
    /// `immutable` / `stable` / `volatile`
    Volatility(String),
    /// `security definer` (true) or `security invoker` (false)
    SecurityDefiner(bool),
    /// `strict`
    Strict,
    /// `leakproof`
    Leakproof,
    /// `parallel safe|restricted|unsafe`
    Parallel(Ident),
    /// `set name = value`
    Set(Ident, String),
}

/// A function or procedure.
#[derive(Debug, Clone)]
pub struct Function {
    /// True for `procedure`.
    pub procedure: bool,
    /// Name.
    pub name: QName,
    /// Parameters.
    pub params: Vec<Param>,
    /// Return type (absent for procedures).
    pub returns: Option<Returns>,
    /// Options, in order.
    pub options: Vec<(FnOption, Span)>,
    /// The body, verbatim including its quotes.
    pub body: Sql,
    /// `body $$…$$`: a SQL-standard body (`RETURN …` or `BEGIN ATOMIC … END`).
    pub standard_body: bool,
    /// `renamed from old_name`.
    pub renamed_from: Option<QName>,
}

/// A view or materialized view.
#[derive(Debug, Clone)]
pub struct View {
    /// True for `materialized view`.
    pub materialized: bool,
    /// Name.
    pub name: QName,
    /// `with (…)` options.
    pub options: Vec<(Ident, Option<String>)>,
    /// `/// doc` + `column name` lines: comments of the view's columns.
    pub columns: Vec<(Ident, Option<String>)>,
    /// The query, verbatim.
    pub query: Sql,
}

/// A table.
#[derive(Debug, Clone)]
pub struct Table {
    /// Name.
    pub name: QName,
    /// `unlogged table`
    pub unlogged: bool,
    /// `inherits parent, …`: the tables it inherits columns and CHECKs from.
    pub inherits: Vec<QName>,
    /// `renamed from old_name`.
    pub renamed_from: Option<QName>,
    /// `extend table`: members added to an extern table, which is not managed.
    pub extend: bool,
    /// Members in order.
    pub members: Vec<Member>,
}

/// A mixin: members to paste into tables, with parameters.
#[derive(Debug, Clone)]
pub struct Mixin {
    /// Name.
    pub name: Ident,
    /// Parameters and their default values.
    pub params: Vec<(Ident, Option<String>)>,
    /// Members.
    pub members: Vec<Member>,
}

/// A member of a table or mixin block.
#[derive(Debug, Clone)]
pub struct Member {
    /// `///` lines before it.
    pub docs: Option<String>,
    /// What it is.
    pub kind: MemberKind,
    /// Where.
    pub span: Span,
    /// Whether its text has a `${…}` placeholder (mixin expansion copies only those).
    pub placeholders: bool,
}

/// The kinds of table member.
#[derive(Debug, Clone)]
pub enum MemberKind {
    /// `use mixin(args)`
    Use {
        /// Mixin name.
        name: Ident,
        /// Arguments: optional parameter name and verbatim value.
        args: Vec<(Option<Ident>, Sql)>,
    },
    /// `rls enabled` / `rls forced` / `rls disabled forced`
    Rls {
        /// Whether RLS is on (false only for `rls disabled forced`).
        enabled: bool,
        /// Whether RLS is also forced on the owner.
        forced: bool,
    },
    /// `replica identity full` (true) or `nothing` (false).
    ReplicaIdentity(bool),
    /// `check parents`: write policies also require the referenced rows to be visible.
    CheckParents,
    /// `with (name = value, …)`: storage parameters, values as written (unquoted).
    Storage(Vec<(Ident, String)>),
    /// A column.
    Column(Column),
    /// A table constraint.
    Constraint(Constraint),
    /// An index.
    Index(Index),
    /// A policy.
    Policy(Policy),
    /// A trigger.
    Trigger(Trigger),
    /// `statistics name [(kinds)] on a, (expr)`: extended statistics.
    Statistics {
        /// Name.
        name: Ident,
        /// Kinds (`ndistinct`, `dependencies`, `mcv`); empty: all.
        kinds: Vec<Ident>,
        /// Columns (identifiers) and expressions (verbatim, with their brackets).
        targets: Vec<StatTarget>,
    },
    /// `grant privs to roles [with grant option]`
    Grant {
        /// Privileges, each with optional column list.
        privileges: Vec<(Ident, Vec<Ident>)>,
        /// Grantees.
        roles: Vec<Ident>,
        /// `with grant option`.
        grantable: bool,
    },
    /// `revoke privs from roles`: takes away what default privileges give.
    Revoke {
        /// Privileges, each with optional column list.
        privileges: Vec<(Ident, Vec<Ident>)>,
        /// Roles.
        roles: Vec<Ident>,
    },
    /// `seed (cols) key (cols) { (row) … }`
    Seed {
        /// Columns.
        columns: Vec<Ident>,
        /// Key columns.
        key: Vec<Ident>,
        /// Rows, verbatim inner text of each tuple.
        rows: Vec<Sql>,
    },
    /// `partition by range|list|hash (…)`
    PartitionBy {
        /// `range`, `list` or `hash`.
        strategy: String,
        /// Key expression.
        key: Sql,
    },
    /// `column c not null default …`: a partition's column holds to more than its
    /// parent's.
    PartitionColumn {
        /// Column.
        name: Ident,
        /// `not null`.
        not_null: bool,
        /// `default …`.
        default: Option<Sql>,
    },
    /// `in publication p, q`: publications that carry the table's changes.
    Publications(Vec<Ident>),
    /// `partition name for values … | default`
    PartitionOf {
        /// Partition table name.
        name: QName,
        /// `for values …` bound, or None for `default`.
        bound: Option<Sql>,
        /// `{ … }`: the partition's own indexes, constraints, triggers, RLS and policies
        /// (its columns are its parent's).
        members: Vec<Member>,
    },
}

/// A column.
#[derive(Debug, Clone)]
pub struct Column {
    /// Name.
    pub name: Ident,
    /// Type.
    pub ty: TypeRef,
    /// Inline constraints and options, in order.
    pub constraints: Vec<ColumnConstraint>,
}

/// An inline column option.
#[derive(Debug, Clone)]
pub struct ColumnConstraint {
    /// `constraint name`
    pub name: Option<Ident>,
    /// What it is.
    pub kind: ColumnConstraintKind,
    /// Where.
    pub span: Span,
}

/// Inline column options.
#[derive(Debug, Clone)]
pub enum ColumnConstraintKind {
    /// `not null`
    NotNull,
    /// `null`
    Null,
    /// `default expr`
    Default(Sql),
    /// `generated always|by default as identity [(options)]` (true for always), with
    /// the identity sequence's options.
    Identity(bool, Vec<SequenceOption>),
    /// `generated always as (expr) stored`
    Generated(Sql),
    /// `primary key`
    PrimaryKey,
    /// `unique [nulls not distinct]`
    Unique(bool),
    /// `references t(col) …`
    References(ForeignKeyTarget),
    /// `check (expr)`
    Check(Sql),
    /// `collate name`
    Collate(QName),
    /// `statistics n`
    Statistics(i64),
    /// `storage plain|external|extended|main`
    Storage(String),
    /// `renamed from old`
    RenamedFrom(Ident),
}

/// The target and actions of a foreign key.
#[derive(Debug, Clone)]
pub struct ForeignKeyTarget {
    /// Referenced table.
    pub table: QName,
    /// Referenced columns (empty: the primary key).
    pub columns: Vec<Ident>,
    /// `on delete …`
    pub on_delete: Option<String>,
    /// `on delete set null (cols)`: the columns it sets (PostgreSQL 15).
    pub on_delete_columns: Vec<Ident>,
    /// `match full`.
    pub match_full: bool,
    /// `on update …`
    pub on_update: Option<String>,
    /// `deferrable`
    pub deferrable: bool,
    /// `initially deferred`
    pub initially_deferred: bool,
}

/// A table constraint.
#[derive(Debug, Clone)]
pub struct Constraint {
    /// `constraint name`
    pub name: Option<Ident>,
    /// `constraint name renamed from old`
    pub renamed_from: Option<Ident>,
    /// What it is.
    pub kind: ConstraintKind,
    /// `not valid` (a CHECK or foreign key existing rows were not checked against),
    /// with where it was written.
    pub not_valid: Option<Span>,
    /// `no inherit` after a CHECK, with where it was written.
    pub no_inherit: Option<Span>,
    /// `[not] deferrable [initially deferred|immediate]` after a key, unique or
    /// exclusion constraint: (deferrable, initially deferred) and where it was written.
    pub deferral: Option<(bool, bool, Span)>,
}

/// Table constraint kinds.
#[derive(Debug, Clone)]
pub enum ConstraintKind {
    /// `primary key (cols)`
    PrimaryKey(Vec<Ident>),
    /// `unique [nulls not distinct] (cols)`
    Unique(Vec<Ident>, bool),
    /// `foreign key (cols) references …`
    ForeignKey(Vec<Ident>, ForeignKeyTarget),
    /// `check (expr)`
    Check(Sql),
    /// `exclude [using m] (…) [where (…)]`
    Exclude {
        /// Index method.
        using: Option<Ident>,
        /// Element list, verbatim.
        elements: Sql,
        /// Predicate.
        predicate: Option<Sql>,
    },
}

/// An index.
#[derive(Debug, Clone)]
pub struct Index {
    /// Explicit name.
    pub name: Option<Ident>,
    /// `index name renamed from old`
    pub renamed_from: Option<Ident>,
    /// `unique index`
    pub unique: bool,
    /// `index concurrently`
    pub concurrently: bool,
    /// `using method`
    pub using: Option<Ident>,
    /// Key elements.
    pub elements: Vec<IndexElem>,
    /// `include (cols)`
    pub include: Vec<Ident>,
    /// `nulls not distinct`
    pub nulls_not_distinct: bool,
    /// `with (fillfactor = 90)`: storage parameters.
    pub storage: Vec<(Ident, String)>,
    /// `where predicate`
    pub predicate: Option<Sql>,
}

/// What an index element indexes.
#[derive(Debug, Clone)]
pub enum IndexTarget {
    /// A column.
    Column(Ident),
    /// An expression, verbatim (with its parentheses removed for `(expr)`).
    Expr(Sql),
}

/// One index element.
#[derive(Debug, Clone)]
pub struct IndexElem {
    /// Column or expression.
    pub target: IndexTarget,
    /// `collate x`
    pub collation: Option<QName>,
    /// Operator class.
    pub opclass: Option<QName>,
    /// The operator class's parameters, verbatim (`siglen = 32`).
    pub opclass_params: Option<Sql>,
    /// `desc`
    pub descending: bool,
    /// `nulls first|last`
    pub nulls: Option<String>,
}

/// A row-level security policy.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Name.
    pub name: Ident,
    /// `policy name renamed from old`
    pub renamed_from: Option<Ident>,
    /// `as restrictive`
    pub restrictive: bool,
    /// Command (`all` when omitted).
    pub command: String,
    /// Roles (`public` when omitted).
    pub roles: Vec<Ident>,
    /// `using (…)`
    pub using: Option<Sql>,
    /// `with check (…)`
    pub with_check: Option<Sql>,
}

/// A trigger.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// Name.
    pub name: Ident,
    /// `before`, `after` or `instead of`.
    pub timing: String,
    /// Events: `insert`, `update` (with columns), `delete`, `truncate`.
    pub events: Vec<(String, Vec<Ident>)>,
    /// `for each row` (true) or statement.
    pub for_each_row: bool,
    /// `referencing old table as …`: the old rows' transition table.
    pub old_table: Option<Ident>,
    /// `referencing new table as …`: the new rows' transition table.
    pub new_table: Option<Ident>,
    /// `when (…)`
    pub when: Option<Sql>,
    /// Function to run.
    pub function: QName,
    /// Arguments, verbatim.
    pub args: Vec<String>,
    /// `disabled`, `enabled replica`, `enabled always`, or None (fires in origin
    /// sessions, PostgreSQL's default).
    pub state: Option<String>,
    /// `constraint trigger …`: what makes it one (None for an ordinary trigger).
    pub constraint: Option<ConstraintTrigger>,
    /// Where `from` or `deferrable` was written on a trigger that is not a constraint
    /// trigger (an error: only constraint triggers take them).
    pub stray_constraint_option: Option<Span>,
}

/// What a `constraint trigger` has beyond an ordinary one.
#[derive(Debug, Clone)]
pub struct ConstraintTrigger {
    /// `deferrable`.
    pub deferrable: bool,
    /// `initially deferred`.
    pub initially_deferred: bool,
    /// `from other_table`: the table the constraint refers to.
    pub from: Option<QName>,
}

/// A top-level grant, or revoke of what PostgreSQL or default privileges give.
#[derive(Debug, Clone)]
pub struct Grant {
    /// Privileges.
    pub privileges: Vec<(Ident, Vec<Ident>)>,
    /// What it is on.
    pub target: GrantTarget,
    /// Grantees.
    pub roles: Vec<Ident>,
    /// `with grant option`.
    pub grantable: bool,
    /// `revoke … from …` rather than `grant … to …`.
    pub revoke: bool,
}

/// `default privileges [for role r] [in schema s] grant|revoke … on kind …`.
#[derive(Debug, Clone)]
pub struct DefaultPrivileges {
    /// `extern`: the platform sets these; the project never creates or drops them.
    pub platform: bool,
    /// `for role`.
    pub owner: Option<Ident>,
    /// `in schema`.
    pub schema: Option<Ident>,
    /// `revoke` rather than `grant`.
    pub revoke: bool,
    /// Privileges.
    pub privileges: Vec<(Ident, Vec<Ident>)>,
    /// `tables`, `sequences`, `functions`, `routines`, `types` or `schemas`.
    pub on: Ident,
    /// Grantees.
    pub roles: Vec<Ident>,
    /// `with grant option`.
    pub grantable: bool,
}

/// Objects a top-level grant can target.
#[derive(Debug, Clone)]
pub enum GrantTarget {
    /// `on schema s`
    Schema(Ident),
    /// `on sequence s`
    Sequence(QName),
    /// `on function f(types)`
    Function(QName, Vec<Param>),
    /// `on table t`
    Table(QName),
    /// `on [materialized] view v`
    View(QName),
    /// `on type t` / `on domain d`
    Type(QName),
}

/// A policy test: steps run in one transaction that is rolled back.
#[derive(Debug, Clone)]
pub struct TestDef {
    /// Name.
    pub name: Ident,
    /// Steps in order.
    pub steps: Vec<TestStep>,
}

/// Who runs a test's statements: a role, JWT claims and other settings.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The role (`set local role`).
    pub role: Ident,
    /// `request.jwt.claims`, as written (JSON text).
    pub claims: Option<String>,
    /// Other settings (`set app.tenant_id = '…'`).
    pub settings: Vec<(String, String)>,
    /// Where it was written.
    pub span: Span,
}

/// What a statement of a test must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Return (or touch) exactly this many rows.
    Rows(u64),
    /// Fail with this SQLSTATE.
    Error(String),
    /// Succeed.
    Ok,
    /// Return this text in the first column of its first row.
    Value(String),
}

/// One step of a policy test.
// A test has a handful of steps, so the size of the rare isolation step does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum TestStep {
    /// `setup sql`: run as the connecting user.
    Setup(Sql),
    /// `as role …`
    As(Identity),
    /// `expect … sql`
    Expect {
        /// The expectation.
        expect: Expect,
        /// The statement.
        sql: Sql,
    },
    /// `isolation of t by col between 'A' and 'B' as … row sql`
    Isolation {
        /// The tenant-scoped table.
        table: QName,
        /// Its tenant column.
        column: Ident,
        /// Tenant A's and tenant B's key.
        tenants: [String; 2],
        /// How a tenant is impersonated; `${tenant}` stands for its key.
        identity: Identity,
        /// A statement inserting a row owned by `${tenant}`.
        row: Sql,
        /// `read only`: the role may not insert; the row is inserted for it.
        read_only: bool,
        /// Where it was written.
        span: Span,
    },
}

/// `rule name as on event to relation [where (…)] do [also|instead] nothing | (…)`.
#[derive(Debug, Clone)]
pub struct RewriteRule {
    /// Name.
    pub name: Ident,
    /// `insert`, `update` or `delete`.
    pub event: String,
    /// The table or view.
    pub relation: QName,
    /// `where (…)`.
    pub condition: Option<Sql>,
    /// `do instead` (else `also`).
    pub instead: bool,
    /// The statements between the brackets; None for `nothing`.
    pub actions: Option<Sql>,
}

/// A column or an expression of extended statistics.
#[derive(Debug, Clone)]
pub enum StatTarget {
    /// A column.
    Column(Ident),
    /// `(expr)` or `f(x)`, verbatim.
    Expr(Sql),
}
