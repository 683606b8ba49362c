import Foundation
import NetworkEngine
import Yams

/// Reads spec files (YAML or JSON, one schema) into `LoadedSpec`s, and says exactly what is
/// wrong when it cannot: `SpecErrors` lists every problem found, each naming the file, the line
/// where the parser knows it, the field and what was expected.
///
/// ```swift
/// do {
///     let loaded = try SpecFile.load("assets/not.yaml")
/// } catch let errors as SpecErrors {
///     print(errors)   // assets/not.yaml:3: activation: unknown value 'tanhh'; … (a line per problem)
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
    /// Spec file bytes at most (4 MiB), checked before parsing: a YAML parser holds about
    /// 140 bytes per byte of text, so a larger spec could take gigabytes. Large data belongs
    /// in a CSV file (`data: {file: …}`).
    public static let maxSpecBytes = 4 << 20
    /// Data (CSV) file bytes at most (64 MiB), checked before reading: about ten bytes of
    /// memory per byte of text while it is read.
    public static let maxDataBytes = 64 << 20

    /// Reads, decodes and checks the spec at `path`.
    ///
    /// - Parameter needs: what the command needs beyond a network (examples), checked with
    ///   the spec's own problems.
    /// - Throws: `SpecErrors` listing every problem found (file, line, field, what was expected).
    public static func load(_ path: String, needs: SpecNeeds? = nil) throws -> LoadedSpec {
        let url = URL(fileURLWithPath: path)
        let bytes: Data
        do {
            switch try BoundedRead.contents(of: path, limit: maxSpecBytes) {
            case .contents(let data):
                bytes = data
            case .tooLarge(let size):
                throw SpecErrors(SpecError(file: path, field: "", message: "\(BoundedRead.describe(size, limit: maxSpecBytes)); a spec may hold at most \(maxSpecBytes) bytes (4 MiB); put large data in a CSV file (data: {file: …})"))
            }
        } catch let error as SpecErrors {
            throw error
        } catch {
            throw SpecErrors(SpecError(file: path, field: "", message: unreadable(path)))
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw SpecErrors(SpecError(file: path, field: "", message: "not UTF-8 text; expected a YAML or JSON spec"))
        }
        // Every problem at once: what decoding met, then what the checks find in the fields
        // that decoded (a field that did not is not checked again under a placeholder).
        let decoded = try decodeCollecting(text, path: path)
        var problems = Problems(path: path, text: text)
        let loaded = build(decoded.spec, path: path, text: text, bytes: bytes, directory: url.deletingLastPathComponent(),
                           needs: needs, &problems)
        let checked = problems.list.filter { problem in
            !decoded.failed.contains { failed in related(failed, problem.field) }
        }
        let all = decoded.problems + checked
        guard all.isEmpty, let loaded else { throw SpecErrors(all) }
        return loaded
    }

    /// Whether a check's problem at `field` concerns a field that did not decode: the same
    /// field, one inside it, or one that holds it.
    private static func related(_ failed: String, _ field: String) -> Bool {
        func within(_ inner: String, _ outer: String) -> Bool {
            inner == outer || inner.hasPrefix(outer + ".") || inner.hasPrefix(outer + "[")
        }
        return within(field, failed) || within(failed, field)
    }

    /// Why the spec at `path` cannot be read, with the system's reason.
    private static func unreadable(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "no such spec file; expected the path of a .yaml or .json spec"
        }
        if isDirectory.boolValue { return "is a folder; expected the path of a .yaml or .json spec" }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return "cannot read the spec file: \(String(cString: strerror(errno)))" }
        close(descriptor)
        return "cannot read the spec file"
    }

    /// Decodes spec text; `path` names it in errors and picks JSON for `.json`.
    ///
    /// - Throws: `SpecErrors` with every problem decoding met (a syntax error stops it at once).
    public static func decode(_ text: String, path: String) throws -> Spec {
        let decoded = try decodeCollecting(text, path: path)
        guard decoded.problems.isEmpty else { throw SpecErrors(decoded.problems) }
        return decoded.spec
    }

    /// Decodes spec text as far as it goes: the spec (placeholders where a field did not
    /// decode), the problems met, and the fields they concern, rendered as in messages.
    ///
    /// - Throws: `SpecErrors` when there is no spec to check at all (a syntax error, an
    ///   empty file, a top level that is not a mapping).
    static func decodeCollecting(_ text: String, path: String) throws -> (spec: Spec, problems: [SpecError], failed: [String]) {
        let log = ProblemLog()
        let spec: Spec
        var numbers: [SpecError] = []
        do {
            if path.lowercased().hasSuffix(".json") {
                if let syntax = JSONSyntax.firstError(in: text) {
                    let message = syntax.field.isEmpty ? "JSON syntax: \(syntax.message)" : syntax.message
                    throw SpecErrors(SpecError(file: path, line: syntax.line, field: syntax.field, message: message))
                }
                let decoder = JSONDecoder()
                decoder.userInfo[.problems] = log
                spec = try decoder.decode(Spec.self, from: Data(text.utf8))
            } else {
                guard let node = try Yams.compose(yaml: text) else {
                    throw SpecErrors(SpecError(file: path, field: "", message: "the file is empty; expected a spec with at least 'layers' and 'activation'"))
                }
                numbers = nonDecimalNumbers(in: node, at: [], path: path)
                spec = try YAMLDecoder().decode(Spec.self, from: quotingTaggedStrings(node), userInfo: [.problems: log])
            }
        } catch let error as SpecErrors {
            throw error
        } catch let error as DecodingError {
            throw SpecErrors(numbers + relevant(log.errors + [error]).map { specError($0, path: path, text: text) })
        } catch let error as YamlError {
            throw SpecErrors(specError(error, path: path, text: text))
        } catch {
            // JSONDecoder reports syntax errors as Cocoa errors with the reason inside.
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw SpecErrors(SpecError(file: path, field: "", message: "not valid JSON: \(reason)"))
        }
        let decoding = relevant(log.errors).map { specError($0, path: path, text: text) }
            .filter { problem in !numbers.contains { $0.field == problem.field } }
        let failed = log.errors.map { FieldPath.render(FieldPath.from(codingPath(of: $0))) } + numbers.map(\.field)
        return (spec, numbers + decoding, failed)
    }

    /// Where a decoding error is: for a missing key, the key itself.
    private static func codingPath(of error: DecodingError) -> [any CodingKey] {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): return context.codingPath
        case .keyNotFound(let key, let context): return context.codingPath + [key]
        @unknown default: return []
        }
    }

    /// The node with every scalar tagged `!!str` marked as quoted: `!!str 1.3` says "the text
    /// 1.3", and is refused where a number belongs, as `"1.3"` is (the decoder would read
    /// its digits otherwise).
    private static func quotingTaggedStrings(_ node: Node) -> Node {
        switch node {
        case .scalar(var scalar):
            if scalar.tag.description == Tag.Name.str.rawValue, scalar.style == .plain || scalar.style == .any { scalar.style = .doubleQuoted }
            return .scalar(scalar)
        case .mapping(var mapping):
            for (key, value) in mapping { mapping[key] = quotingTaggedStrings(value) }
            return .mapping(mapping)
        case .sequence(var sequence):
            for index in sequence.indices { sequence[index] = quotingTaggedStrings(sequence[index]) }
            return .sequence(sequence)
        case .alias:
            return node
        }
    }

    /// Numbers YAML reads in a way a spec's author would not expect: `0x10` as 16, `0o17` and
    /// `0b101` in their bases, `010` as 10 in one YAML version and 8 in another, `1_000` as
    /// 1000. Only plain (unquoted) scalars; each is a problem naming its field.
    private static func nonDecimalNumbers(in node: Node, at fields: [FieldPath], path: String) -> [SpecError] {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain || scalar.style == .any, let advice = numberAdvice(scalar.string) else { return [] }
            return [SpecError(file: path, line: scalar.mark?.line, field: FieldPath.render(fields), message: "'\(Echo.value(scalar.string))' \(advice)")]
        case .mapping(let mapping):
            return mapping.flatMap { pair in nonDecimalNumbers(in: pair.value, at: fields + [.key(pair.key.string ?? "?")], path: path) }
        case .sequence(let sequence):
            return sequence.enumerated().flatMap { nonDecimalNumbers(in: $0.element, at: fields + [.index($0.offset)], path: path) }
        case .alias:
            return []
        }
    }

    /// What to write instead of a non-decimal number, or nil for anything else.
    private static func numberAdvice(_ text: String) -> String? {
        let unsigned = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
        let lower = unsigned.lowercased()
        for (prefix, radix, name) in [("0x", 16, "hexadecimal"), ("0o", 8, "octal"), ("0b", 2, "binary")] where lower.hasPrefix(prefix) {
            let digits = lower.dropFirst(2).filter { $0 != "_" }
            guard !digits.isEmpty, let value = Int(digits, radix: radix) else { return nil }
            return "is a \(name) number; write numbers in decimal, as in \(text.hasPrefix("-") ? "-" : "")\(value)"
        }
        let isDigits = !unsigned.isEmpty && unsigned.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "_" }
        if isDigits, unsigned.contains("_") {
            return "has underscores; write the number without them, as in \(text.filter { $0 != "_" })"
        }
        if isDigits, unsigned.count > 1, unsigned.hasPrefix("0") {
            let trimmed = unsigned.drop { $0 == "0" }
            return "has a leading zero, which some YAML readers take as octal; write \(text.hasPrefix("-") ? "-" : "")\(trimmed.isEmpty ? "0" : trimmed)"
        }
        return nil
    }

    /// Drops "missing" for a key whose misspelling is already reported with "did you mean" it:
    /// `activaton: tanh` is one mistake, not two.
    private static func relevant(_ errors: [DecodingError]) -> [DecodingError] {
        let suggestions: [String] = errors.compactMap { error in
            guard case .dataCorrupted(let context) = error else { return nil }
            let parent = context.codingPath.dropLast().map(\.stringValue).joined(separator: ".")
            guard let range = context.debugDescription.range(of: "did you mean '") else { return nil }
            let key = context.debugDescription[range.upperBound...].prefix { $0 != "'" }
            return parent + "/" + key
        }
        return errors.filter { error in
            guard case .keyNotFound(let key, let context) = error else { return true }
            let parent = context.codingPath.map(\.stringValue).joined(separator: ".")
            return !suggestions.contains(parent + "/" + key.stringValue)
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
        let hint = self.hint(for: error, at: fields, written: node(at: fields, in: text)?.scalar?.string)
        return SpecError(file: path, line: line(of: fields, in: text), field: FieldPath.render(fields), message: message + hint)
    }

    /// What a user most likely meant, for the mistakes people make most.
    private static func hint(for error: DecodingError, at fields: [FieldPath], written: String?) -> String {
        guard case .typeMismatch(let type, _) = error else { return "" }
        let expectsNumber = type == Double.self || type == Int.self || type == UInt64.self
        if expectsNumber, let written {
            let unsigned = written.hasPrefix("-") || written.hasPrefix("+") ? written.dropFirst() : Substring(written)
            if type != Double.self, !unsigned.isEmpty, unsigned.allSatisfy({ $0.isASCII && $0.isNumber }) {
                // Digits that did not decode as a whole number are out of its range.
                if written.hasPrefix("-") {
                    return type == UInt64.self ? "; expected 0 or more" : "; \(Echo.value(written)) is too small (at least \(Int.min))"
                }
                return "; \(Echo.value(written)) is too large (at most \(type == UInt64.self ? "\(UInt64.max)" : "\(Int.max)"))"
            }
            let digits = written.filter { $0 != " " && $0 != "," }
            if written.contains(","), written.split(separator: ",").count == 2, Double(written.replacingOccurrences(of: ",", with: ".")) != nil {
                return "; write decimals with a point, as in \(Echo.value(written.replacingOccurrences(of: ",", with: ".")))"
            }
            if written.contains(" "), Double(digits) != nil { return "; write it without spaces, as in \(Echo.value(digits))" }
        }
        guard case .key(let top)? = fields.first else { return "" }
        switch top {
        case "weights": return " (weights is a list of matrices, one per layer after the input, each a list of rows: weights: [[[1.3]]])"
        case "biases": return " (biases is a list of vectors, one per layer after the input: biases: [[-0.1]])"
        case "layers": return " (layers lists the neurons per layer, input first: layers: [1, 6, 7, 2])"
        case "data" where fields.count > 1: return " (one row per example: inputs: [[1], [0]], targets: [[0], [1]])"
        default: return ""
        }
    }

    /// The line where `key:` starts a line for the second time.
    private static func secondOccurrence(of key: String, in text: String) -> Int? {
        var seen = 0
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "-" }
            if trimmed.hasPrefix(key + ":") || trimmed.hasPrefix("\"\(key)\":") {
                seen += 1
                if seen == 2 { return number + 1 }
            }
        }
        return nil
    }

    private static func specError(_ error: YamlError, path: String, text: String) -> SpecError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            // libyaml names its own API here, which means nothing to a spec's author.
            if problem.contains("nesting level") {
                return SpecError(file: path, line: mark.line, field: "", message: "YAML syntax: nested too deeply; a spec needs a few levels of [ ] and { }, as in weights: [[[1.3]]]")
            }
            return SpecError(file: path, line: mark.line, field: "", message: "YAML syntax: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the mapping; the user wants the line of the second occurrence.
            let line = duplicates.first.flatMap { secondOccurrence(of: $0, in: text) } ?? context.mark.line
            return SpecError(file: path, line: line, field: duplicates.first.map { Echo.value($0) } ?? "",
                             message: "duplicate key \(duplicates.map { "'\(Echo.value($0))'" }.joined(separator: ", ")); each key may appear once")
        case .reader(let problem, let offset, let value, _):
            // libyaml's own description spans three lines and shows the raw byte; say it in one.
            let line = offset.map { text.utf8.prefix($0).count { $0 == UInt8(ascii: "\n") } + 1 }
            let character = value >= 0 ? " (\(Echo.escaped(String(Unicode.Scalar(UInt32(value)).map(Character.init) ?? "?"))))" : ""
            return SpecError(file: path, line: line, field: "", message: "YAML text: \(problem)\(character); remove it or write it as an escape in a double-quoted string")
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

    /// The line of a field, found by walking the YAML (or JSON, which YAML reads) node tree:
    /// the field's own line, or its nearest enclosing one that exists.
    static func line(of fields: [FieldPath], in text: String) -> Int? {
        walk(fields, in: text).line
    }

    /// The node at a field, when the whole path exists.
    static func node(at fields: [FieldPath], in text: String) -> Node? {
        walk(fields, in: text).node
    }

    private static func walk(_ fields: [FieldPath], in text: String) -> (line: Int?, node: Node?) {
        guard var node = (try? Yams.compose(yaml: text)) ?? nil else { return (nil, nil) }
        var best = node.mark?.line
        for field in fields {
            switch (field, node) {
            case (.key(let name), .mapping(let mapping)):
                guard let pair = mapping.first(where: { $0.key.string == name }) else { return (best, nil) }
                // Point at the key for a key that is wrong, at the value otherwise.
                best = pair.key.mark?.line ?? best
                node = pair.value
            case (.index(let i), .sequence(let sequence)):
                guard i < sequence.count else { return (best, nil) }
                node = sequence[i]
                best = node.mark?.line ?? best
            default:
                return (best, nil)
            }
        }
        return (best, node)
    }
}
