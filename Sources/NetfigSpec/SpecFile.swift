import Foundation
import NetworkEngine
import Yams

/// Reads spec files (YAML or JSON, one schema) into `LoadedSpec`s, and says exactly what is
/// wrong when it cannot: every error is a `SpecError` naming the file, the line where the
/// parser knows it, the field and what was expected.
///
/// ```swift
/// do {
///     let loaded = try SpecFile.load("assets/not.yaml")
/// } catch let error as SpecError {
///     print(error)   // assets/not.yaml:3: activation: unknown value 'tanhh'; …
/// }
/// ```
public enum SpecFile {
    /// Neurons in one layer at most: enough for 784-pixel inputs, small enough to stay in memory.
    public static let maxLayerWidth = 100_000
    /// Weights and biases at most (8 bytes each, a few copies during training).
    public static let maxParameters = 10_000_000
    /// Examples at most in a generated set.
    public static let maxExamples = 1_000_000
    /// Training steps at most.
    public static let maxSteps = 100_000_000

    /// Reads, decodes and checks the spec at `path`.
    public static func load(_ path: String) throws -> LoadedSpec {
        let url = URL(fileURLWithPath: path)
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url)
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw SpecError(file: path, field: "", message: exists ? "cannot read the spec file" : "no such spec file; expected the path of a .yaml or .json spec")
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw SpecError(file: path, field: "", message: "not UTF-8 text; expected a YAML or JSON spec")
        }
        let spec = try decode(text, path: path)
        return try build(spec, path: path, text: text, bytes: bytes, directory: url.deletingLastPathComponent())
    }

    /// Decodes spec text; `path` names it in errors and picks JSON for `.json`.
    public static func decode(_ text: String, path: String) throws -> Spec {
        do {
            if path.lowercased().hasSuffix(".json") {
                return try JSONDecoder().decode(Spec.self, from: Data(text.utf8))
            }
            guard let node = try Yams.compose(yaml: text) else {
                throw SpecError(file: path, field: "", message: "the file is empty; expected a spec with at least 'layers', 'activation' and 'data'")
            }
            return try YAMLDecoder().decode(Spec.self, from: node)
        } catch let error as SpecError {
            throw error
        } catch let error as DecodingError {
            throw specError(error, path: path, text: text)
        } catch let error as YamlError {
            throw specError(error, path: path)
        } catch {
            // JSONDecoder reports syntax errors as Cocoa errors with the reason inside.
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw SpecError(file: path, field: "", message: "not valid JSON: \(reason)")
        }
    }

    // MARK: - Errors from the parsers

    private static func specError(_ error: DecodingError, path: String, text: String) -> SpecError {
        let codingPath: [any CodingKey]
        let message: String
        switch error {
        case .typeMismatch(let type, let context):
            codingPath = context.codingPath
            message = "expected \(describe(type))"
        case .valueNotFound(let type, let context):
            codingPath = context.codingPath
            message = "missing value; expected \(describe(type))"
        case .keyNotFound(let key, let context):
            codingPath = context.codingPath + [key]
            message = "missing; this field is required"
        case .dataCorrupted(let context):
            codingPath = context.codingPath
            message = tidy(context.debugDescription)
        @unknown default:
            codingPath = []
            message = "\(error)"
        }
        let fields = FieldPath.from(codingPath)
        return SpecError(file: path, line: line(of: fields, in: text), field: FieldPath.render(fields), message: message)
    }

    private static func specError(_ error: YamlError, path: String) -> SpecError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return SpecError(file: path, line: mark.line, field: "", message: "YAML syntax: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return SpecError(file: path, line: context.mark.line, field: "", message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")); each key may appear once")
        default:
            return SpecError(file: path, field: "", message: "YAML: \(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type: return "a number"
        case is Int.Type, is UInt64.Type: return "a whole number"
        case is String.Type: return "a word"
        case is [Double].Type: return "a list of numbers"
        case is [[Double]].Type: return "a list of rows of numbers"
        case is [Int].Type: return "a list of whole numbers"
        default:
            // Yams names the YAML node it expected: Sequence, Mapping or Scalar.
            let name = "\(type)"
            if name.hasPrefix("Array") || name.hasSuffix("Sequence") { return "a list [ … ]" }
            if name.hasPrefix("Dictionary") || name.hasSuffix("Mapping") { return "a mapping {key: value}" }
            if name.hasSuffix("Scalar") { return "a single value, not a list or mapping" }
            return "a value of the form shown in the README"
        }
    }

    /// Decoder messages sometimes end in "." or carry Swift type names; keep ours, soften theirs.
    private static func tidy(_ message: String) -> String {
        if message.contains("Cannot initialize") || message.contains("Expected to decode") {
            return "wrong kind of value: \(message)"
        }
        if message.hasPrefix("Unable to parse") || message.contains("Number") {
            return "expected a number that fits: \(message)"
        }
        return message
    }

    /// The line of a field, found by walking the YAML (or JSON, which YAML reads) node tree.
    static func line(of fields: [FieldPath], in text: String) -> Int? {
        guard var node = (try? Yams.compose(yaml: text)) ?? nil else { return nil }
        var best = node.mark?.line
        for field in fields {
            switch (field, node) {
            case (.key(let name), .mapping(let mapping)):
                guard let pair = mapping.first(where: { $0.key.string == name }) else { return best }
                // Point at the key for a key that is wrong, at the value otherwise.
                best = pair.key.mark?.line ?? best
                node = pair.value
            case (.index(let i), .sequence(let sequence)):
                guard i < sequence.count else { return best }
                node = sequence[i]
                best = node.mark?.line ?? best
            default:
                return best
            }
        }
        return best
    }
}
