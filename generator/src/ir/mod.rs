//! The intermediate model between a spec and the emitted Rust.
//!
//! Every naming and typing decision is made while lowering into these types; the emitters only
//! read them. Names here are already valid, collision-free Rust identifiers.

mod table;

pub use table::{Gate, TypeFacts, TypeId, TypeTable};

/// One API: everything a generated crate contains.
#[derive(Debug, Clone)]
pub struct Api {
    pub title: String,
    pub description: Option<String>,
    pub spec_version: String,
    /// The default base URL (the spec's first server), without a trailing slash.
    pub base_url: String,
    pub types: TypeTable,
    pub resources: Vec<Resource>,
    /// The body type of error responses, shared by every operation of the client.
    pub error_body: TypeRef,
    /// The enum of documented vendor error codes (`x-error-codes`), when the spec has any.
    pub error_code_type: Option<String>,
    /// The cargo features of the crate, one per family of operations (empty: no features).
    pub features: Vec<String>,
    /// Host patterns besides the API's own that a download by URL sends the token to
    /// (`info.x-download-hosts`: `zoom.us`, `*.zoom.us`).
    pub download_hosts: Vec<String>,
    /// Defects of the spec that were repaired, each where it is (`--strict` refuses them).
    pub warnings: Vec<crate::error::SpecError>,
    /// Parts of the spec left out on purpose (OpenAPI 3.1 `webhooks`); not defects.
    pub notes: Vec<crate::error::SpecError>,
}

/// A named Rust type in the `types` module.
#[derive(Debug, Clone)]
pub struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    pub kind: TypeKind,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum that also keeps values it does not know, in its `unknown` variant.
    Enum {
        variants: Vec<Variant>,
        unknown: String,
    },
    /// An integer enum that also keeps values it does not know, in its `unknown` variant.
    IntEnum {
        variants: Vec<IntVariant>,
        unknown: String,
    },
    /// One of several shapes, told apart by trying each in order (`oneOf`/`anyOf`).
    Union(Vec<UnionVariant>),
    /// One of several objects, told apart by a property's value (`discriminator`); a value
    /// the spec does not map is kept as JSON in the `unknown` variant.
    Tagged {
        property: String,
        variants: Vec<UnionVariant>,
        mapping: Vec<(String, String)>,
        unknown: String,
    },
    /// An enum whose values are of several JSON types (`enum: [1, "one", 2.5]`), each variant
    /// with its literal; a value the spec does not list is kept as JSON in the `unknown` variant.
    MixedEnum {
        variants: Vec<MixedVariant>,
        unknown: String,
    },
    /// `pub type Name = Target;`
    Alias(TypeRef),
    /// A generated struct of an operation's optional parameters, with the operation's rules.
    Params(Vec<Field>, Vec<Rule>),
    /// The fields of a form body (multipart or URL-encoded), each sent as its own part.
    Form(Vec<FormField>),
    /// What an operation answers when its success statuses carry different bodies: one
    /// variant per status, chosen by the status of the response.
    ByStatus(Vec<StatusVariant>),
}

/// One success status of a [`TypeKind::ByStatus`] response.
#[derive(Debug, Clone)]
pub struct StatusVariant {
    pub name: String,
    /// Set after lowering when the body is an object or union, held in a `Box`.
    pub boxed: bool,
    /// The status code; `None` for the `2XX` range (after every listed code).
    pub status: Option<u16>,
    /// The body's type; `None` when the status has no body.
    pub ty: Option<TypeRef>,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct FormField {
    pub field: Field,
    pub part: PartKind,
}

/// How a form field travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// A file (`format: binary`): bytes with a file name.
    File,
    /// Its `Display` text.
    Text,
    /// JSON text (objects, arrays).
    Json,
}

#[derive(Debug, Clone, Default)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties` next to named properties: kept in a flattened map.
    pub additional: Option<TypeRef>,
    /// Cross-field rules (`x-rules`), checked by the generated `validate()`.
    pub rules: Vec<Rule>,
    /// Named constructors (`x-constructors`) that build a valid value.
    pub constructors: Vec<Constructor>,
}

/// Single-field rules stated with plain schema keywords.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub pattern: Option<String>,
    /// `date` or `date-time`, which are checked.
    pub format: Option<String>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether a value of `ty` has something to check under these constraints (what the
    /// `validate` emitter writes a check for; keywords that do not apply to `ty` are ignored).
    pub fn checks(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::String => {
                self.min_length.is_some()
                    || self.max_length.is_some()
                    || self.pattern.is_some()
                    || matches!(self.format.as_deref(), Some("date" | "date-time"))
            }
            TypeRef::I32
            | TypeRef::I64
            | TypeRef::U32
            | TypeRef::U64
            | TypeRef::I64AsString
            | TypeRef::F32
            | TypeRef::F64 => self.minimum.is_some() || self.maximum.is_some(),
            TypeRef::Vec(_) => self.min_items.is_some() || self.max_items.is_some(),
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
}

/// A cross-field rule: when `when` holds (or always), `require` must.
#[derive(Debug, Clone)]
pub struct Rule {
    pub when: Option<Condition>,
    pub require: Condition,
    pub message: String,
    pub source: Option<String>,
    /// The wire path reported in a violation (the first field `require` names).
    pub path: String,
}

/// A condition over fields, resolved against the types (paths are Rust field accesses).
#[derive(Debug, Clone)]
pub enum Condition {
    /// The field is present and its value is one of these.
    In(Access, Vec<Literal>),
    /// The field is absent, or its value is none of these.
    NotIn(Access, Vec<Literal>),
    /// The field is present (`true`) or absent (`false`).
    Present(Access, bool),
    /// The field is absent or at most this.
    Max(Access, Number),
    /// The field is absent or at least this.
    Min(Access, Number),
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

/// How to reach a field from the value being checked, and what it holds.
#[derive(Debug, Clone)]
pub struct Access {
    pub steps: Vec<Step>,
    pub wire_path: String,
    pub kind: ValueKind,
}

#[derive(Debug, Clone)]
pub struct Step {
    pub field: String,
    pub optional: bool,
    pub boxed: bool,
}

/// What a rule compares a field's value as.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    /// A string enum (compared by wire value) or a string.
    Text,
    /// An integer enum (compared by value).
    IntEnum,
    Integer,
    Float,
    Bool,
    /// Anything else: only presence can be tested.
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// `Type::name(args...)`: a value built from a few arguments and fixed values.
#[derive(Debug, Clone)]
pub struct Constructor {
    pub name: String,
    pub doc: Option<String>,
    /// Arguments in order: name, the field path they fill, and the field's type.
    pub args: Vec<(String, Vec<String>, TypeRef)>,
    /// Fixed values: the field path, and the value as a Rust expression's parts.
    pub values: Vec<(Vec<String>, FixedValue)>,
}

#[derive(Debug, Clone)]
pub enum FixedValue {
    /// A variant of the named enum.
    Variant(String, String),
    Literal(Literal),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub wire_name: String,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    pub read_only: bool,
    /// A secret (`format: password`): `Debug` shows whether it is set, never its value.
    pub secret: bool,
    pub doc: Option<String>,
    /// Set after lowering when this field closes a cycle of directly contained types.
    pub boxed: bool,
    pub constraints: Constraints,
}

impl Field {
    /// `Option<_>` on the Rust side: absent, or (when required but nullable) `null`.
    pub fn is_optional(&self) -> bool {
        !self.required || self.nullable
    }
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub name: String,
    pub wire: String,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct IntVariant {
    pub name: String,
    pub value: i64,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct MixedVariant {
    pub name: String,
    /// The value as it travels, a JSON scalar.
    pub value: serde_json::Value,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub name: String,
    pub ty: TypeRef,
    /// Set after lowering when this variant closes a cycle of directly contained types, or
    /// holds an object or union (a union is as large as its largest variant: a string next to a
    /// large object would waste the difference in every value; clippy's large_enum_variant).
    pub boxed: bool,
}

/// A type as used in a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    Named(String),
    String,
    Bool,
    I32,
    I64,
    U32,
    U64,
    F32,
    F64,
    /// A 64-bit integer that travels as a JSON string (`type: string, format: int64`).
    I64AsString,
    Vec(Box<TypeRef>),
    Map(Box<TypeRef>),
    /// Any JSON value.
    Json,
    /// The bytes of a file (`format: binary`), for multipart and octet-stream bodies.
    Bytes,
}

impl TypeRef {
    /// The named type this holds, directly or in a `Vec` or map.
    pub fn innermost_named(&self) -> Option<&str> {
        match self {
            TypeRef::Named(name) => Some(name),
            TypeRef::Vec(inner) | TypeRef::Map(inner) => inner.innermost_named(),
            _ => None,
        }
    }
}

/// How many aliases in a row [`follow_aliases`] follows, so that a cycle of aliases ends.
const MAX_ALIAS_CHAIN: usize = 32;

/// What `ty` stands for once aliases (`pub type A = B;`) are followed; `kind_of` finds the kind
/// of a named type.
pub fn follow_aliases<'t>(kind_of: impl Fn(&str) -> Option<&'t TypeKind>, mut ty: &'t TypeRef) -> &'t TypeRef {
    for _ in 0..MAX_ALIAS_CHAIN {
        let TypeRef::Named(name) = ty else { break };
        match kind_of(name) {
            Some(TypeKind::Alias(target)) => ty = target,
            _ => break,
        }
    }
    ty
}

/// The operations grouped under one accessor of the client (the spec's first tag).
#[derive(Debug, Clone)]
pub struct Resource {
    /// The accessor method on `Client`; `None` for operations without a tag, which sit on
    /// `Client` itself.
    pub accessor: Option<String>,
    /// The struct the accessor returns.
    pub struct_name: String,
    pub doc: Option<String>,
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub id: String,
    pub fn_name: String,
    pub method: HttpMethod,
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    /// Path parameters, in the order their placeholders appear in the path.
    pub path_params: Vec<Param>,
    /// Required query and header parameters: method arguments.
    pub required_params: Vec<Param>,
    /// Optional query and header parameters, gathered in a generated struct.
    pub optional_params: Option<OptionalParams>,
    pub body: Option<Body>,
    pub response: Response,
    pub scopes: Vec<Vec<String>>,
    /// The vendor error codes documented for this operation, by response.
    pub error_codes: Vec<ErrorCode>,
    pub idempotent: bool,
    pub pagination: Option<Pagination>,
    /// The cargo feature that compiles this operation (its family): the stem of the spec file it
    /// comes from when a spec is a folder of files, or that file's `info.x-feature`.
    pub feature: Option<String>,
    /// The vendor's rate-limit label (`x-rate-limit-label`: Zoom's Light, Medium, Heavy,
    /// Resource-intensive).
    pub rate_limit: Option<String>,
    /// A window two date parameters must keep (`x-date-range`), checked before sending.
    pub date_range: Option<DateRange>,
    /// Served for a sub-account too, at `/accounts/{accountId}` + path (`x-sub-account`).
    pub sub_account: bool,
}

/// Two date parameters (`from`, `to`) and the window they must keep.
#[derive(Debug, Clone)]
pub struct DateRange {
    pub from: ParamRef,
    pub to: ParamRef,
    /// At most this many days from `from` to `to`.
    pub max_days: Option<i64>,
    /// `from` at most this many months before today.
    pub max_months_back: Option<u32>,
}

/// A query parameter of an operation: a method argument, or a field of its optional-params struct.
#[derive(Debug, Clone)]
pub struct ParamRef {
    pub name: String,
    pub wire_name: String,
    pub optional: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub wire_name: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub doc: Option<String>,
    pub constraints: Constraints,
    /// `style: deepObject` (`name[key]=value`).
    pub deep_object: bool,
    /// `explode` (default true for query parameters): arrays repeat the name, objects spread
    /// their fields; otherwise arrays are comma-joined.
    pub explode: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone)]
pub struct OptionalParams {
    /// The generated struct's name (its `TypeDef` is in `Api::types`).
    pub type_name: String,
    pub params: Vec<Param>,
}

#[derive(Debug, Clone)]
pub struct Body {
    pub ty: TypeRef,
    pub doc: Option<String>,
    pub encoding: BodyEncoding,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyEncoding {
    Json,
    /// `multipart/form-data`; `ty` names a `TypeKind::Form`.
    Multipart,
    /// `application/x-www-form-urlencoded`; `ty` names a `TypeKind::Form`.
    UrlEncoded,
    /// The bytes as they are, with this content type.
    Raw(String),
}

/// A vendor error code documented on a response (`x-error-codes`).
#[derive(Debug, Clone)]
pub struct ErrorCode {
    /// The HTTP status (or `default`) of the response that documents it.
    pub status: String,
    pub code: i64,
    /// The spec's snake_case name for it.
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Response {
    /// No documented body.
    Empty,
    Json(TypeRef),
    /// A body on some success statuses and none on others (`200` with a body next to a `204`).
    JsonOrEmpty(TypeRef),
    /// Bytes (a PDF, a file, an image): the method gives the runtime's `Download` to stream.
    /// The success media types, in the spec's order: what the request accepts.
    Binary(Vec<String>),
}

/// A paged list operation (`x-pagination`), checked against its types.
#[derive(Debug, Clone)]
pub struct Pagination {
    /// The method that streams every item (`list_stream`).
    pub stream_fn_name: String,
    /// The field of the optional-params struct that asks for a page (the cursor or the page
    /// number), and its wire name.
    pub params_field: String,
    pub param_wire: String,
    /// How the response says which page comes next.
    pub next: NextPage,
    /// The response struct's items field, whether it is an `Option`, and the item type.
    pub items_field: String,
    pub items_optional: bool,
    pub item: TypeRef,
}

/// How a page's response says which page comes next.
#[derive(Debug, Clone)]
pub enum NextPage {
    /// A cursor field (a string, perhaps an `Option`); empty or absent on the last page.
    Cursor { field: String, optional: bool },
    /// The page's number and the number of pages (integers, each perhaps an `Option`): the next
    /// page is the number after this one, while there is one.
    Number { page_field: String, page_optional: bool, count_field: String, count_optional: bool },
}
