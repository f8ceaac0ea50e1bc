//! What the typed-client generators (`typescript.rs`, `python_types.rs`) read from a service
//! model: the enumerations and structures reachable from the operations, with each member's
//! type and whether a request must carry it, and each operation's input and output. Each
//! generator only spells these in its language.

use serde_json::Value;

/// One service's model, as the generators need it.
pub struct TypedService<'m> {
    /// The client name (`organizations`).
    pub client_name: &'static str,
    /// The prefix or namespace of the generated names (`Organizations`).
    pub type_prefix: &'static str,
    /// The model JSON.
    pub model: &'m Value,
    /// The shapes reachable from the operations.
    pub shapes: Vec<String>,
}

/// The type of a member, to be spelled by a generator.
pub enum MemberType<'m> {
    /// A string without an enumeration.
    Text,
    /// integer or long.
    Integer,
    /// double or float.
    Float,
    /// boolean.
    Boolean,
    /// timestamp.
    Timestamp,
    /// A list of the inner type.
    List(Box<MemberType<'m>>),
    /// A generated declaration: an enumeration or a structure of this name.
    Declared(&'m str),
    /// Anything else.
    Other,
}

/// One member of a structure.
pub struct Member<'m> {
    /// The wire name.
    pub name: &'m str,
    /// Its type.
    pub ty: MemberType<'m>,
    /// Whether a request must carry it (required, in an operation's input shape).
    pub required: bool,
}

/// A generated declaration.
pub enum Declaration<'m> {
    /// A string enumeration and its values.
    Enum {
        /// The shape name.
        name: &'m str,
        /// The values, in model order.
        values: Vec<&'m str>,
    },
    /// A structure (exceptions are left out).
    Structure {
        /// The shape name.
        name: &'m str,
        /// The members, in model order.
        members: Vec<Member<'m>>,
        /// Whether it is an operation's output shape.
        is_output: bool,
    },
}

/// One operation of a client.
pub struct Operation<'m> {
    /// The model name (`ListAccounts`).
    pub name: &'m str,
    /// The input shape, if any.
    pub input: Option<&'m str>,
    /// The output shape, if any.
    pub output: Option<&'m str>,
    /// Whether the input has a required member (so the input cannot be left out).
    pub input_required: bool,
}

fn member_type<'m>(model: &'m Value, shape: &'m str) -> MemberType<'m> {
    let definition = &model["shapes"][shape];
    match definition["type"].as_str().unwrap_or("") {
        "string" if definition["enum"].is_array() => MemberType::Declared(shape),
        "string" => MemberType::Text,
        "integer" | "long" => MemberType::Integer,
        "double" | "float" => MemberType::Float,
        "boolean" => MemberType::Boolean,
        "timestamp" => MemberType::Timestamp,
        "list" => {
            let member = definition["member"]["shape"].as_str().unwrap_or("");
            MemberType::List(Box::new(member_type(model, member)))
        }
        "structure" => MemberType::Declared(shape),
        _ => MemberType::Other,
    }
}

impl<'m> TypedService<'m> {
    /// The operations, in model order.
    pub fn operations(&self) -> Vec<Operation<'m>> {
        let model = self.model;
        let Some(operations) = model["operations"].as_object() else {
            return Vec::new();
        };
        operations
            .iter()
            .map(|(name, op)| {
                let input = op["input"]["shape"].as_str();
                Operation {
                    name,
                    input,
                    output: op["output"]["shape"].as_str(),
                    input_required: input.is_some_and(|s| {
                        model["shapes"][s]["required"]
                            .as_array()
                            .is_some_and(|r| !r.is_empty())
                    }),
                }
            })
            .collect()
    }

    /// The enumerations and structures reachable from the operations, in `shapes` order.
    pub fn declarations(&self) -> Vec<Declaration<'_>> {
        let model = self.model;
        let operations = self.operations();
        let inputs: Vec<&str> = operations.iter().filter_map(|op| op.input).collect();
        let outputs: Vec<&str> = operations.iter().filter_map(|op| op.output).collect();
        let mut declarations = Vec::new();
        for name in &self.shapes {
            let definition = &model["shapes"][name];
            if let Some(values) = definition["enum"].as_array() {
                declarations.push(Declaration::Enum {
                    name,
                    values: values.iter().filter_map(Value::as_str).collect(),
                });
                continue;
            }
            if definition["type"] != "structure" || definition["exception"] == true {
                continue;
            }
            let required: Vec<&str> = definition["required"]
                .as_array()
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let is_input = inputs.contains(&name.as_str());
            let members = definition["members"]
                .as_object()
                .map(|members| {
                    members
                        .iter()
                        .map(|(member, spec)| Member {
                            name: member,
                            ty: member_type(model, spec["shape"].as_str().unwrap_or("")),
                            required: is_input && required.contains(&member.as_str()),
                        })
                        .collect()
                })
                .unwrap_or_default();
            declarations.push(Declaration::Structure {
                name,
                members,
                is_output: outputs.contains(&name.as_str()),
            });
        }
        declarations
    }
}
