/// A problem with a spec file (or a file it names), as one line a user can act on:
/// `FILE:LINE: FIELD: what is wrong; what was expected`.
///
/// ```swift
/// SpecError(file: "not.yaml", line: 2, field: "activation", message: "unknown value 'tanhh'; did you mean 'tanh'?")
///     .description   // "not.yaml:2: activation: unknown value 'tanhh'; did you mean 'tanh'?"
/// ```
public struct SpecError: Error, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based, when the parser could tell.
    public var line: Int?
    /// The field's path in the spec, e.g. `weights[1]` or `data.inputs[3][0]`; empty for the whole file.
    public var field: String
    public var message: String

    public init(file: String, line: Int? = nil, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// Always one line: whatever of the spec reached the message has its control characters
    /// escaped (values are also cut where they are quoted, with `Echo.value`).
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return Echo.escaped(field.isEmpty ? "\(location): \(message)" : "\(location): \(field): \(message)")
    }
}

/// Every problem found in a spec (or a file it names), in the order of the file, so that one
/// run tells the user all there is to fix.
///
/// ```swift
/// do { _ = try SpecFile.load("broken.yaml") } catch let errors as SpecErrors {
///     for problem in errors.problems { print(problem) }
/// }
/// ```
public struct SpecErrors: Error, Equatable, CustomStringConvertible {
    public var problems: [SpecError]

    public init(_ problems: [SpecError]) {
        self.problems = problems.sorted { ($0.line ?? .max, $0.field) < ($1.line ?? .max, $1.field) }
    }

    public init(_ problem: SpecError) { self.problems = [problem] }

    /// One line per problem.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// A field's position in a spec: keys and list indices from the top.
public enum FieldPath: Hashable, Sendable {
    case key(String)
    case index(Int)

    /// `data.inputs[3][0]`.
    static func render(_ path: [FieldPath]) -> String {
        var text = ""
        for component in path {
            switch component {
            case .key(let name): text += text.isEmpty ? Echo.value(name) : ".\(Echo.value(name))"
            case .index(let i): text += "[\(i)]"
            }
        }
        return text
    }

    static func from(_ codingPath: [any CodingKey]) -> [FieldPath] {
        codingPath.map { key in key.intValue.map(FieldPath.index) ?? .key(key.stringValue) }
    }
}
