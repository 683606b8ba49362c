import Foundation
import NetfigSpec

/// A JSON document built in code and printed with numbers in full precision.
///
/// Numbers print as Swift's shortest representation that reads back to the same double
/// (`0.8336546070121552`, `1e-05`); non-finite numbers, which JSON cannot hold, print as null.
/// Keys keep their order, so output is stable.
///
/// ```swift
/// JSONValue.object([("cost", .number(0.5))]).rendered()   // {\n  "cost": 0.5\n}
/// ```
enum JSONValue: Equatable, Sendable {
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    case null

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }

    static func numbers(_ values: [Double]) -> JSONValue { .array(values.map(JSONValue.number)) }
    static func rows(_ rows: [[Double]]) -> JSONValue { .array(rows.map(numbers)) }

    /// Pretty-printed with two-space indents; arrays of scalars stay on one line.
    func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent)
        let inner = String(repeating: " ", count: indent + 2)
        switch self {
        case .number(let x): return x.isFinite ? "\(x)" : "null"
        case .integer(let n): return "\(n)"
        case .string(let s): return Self.quote(s)
        case .null: return "null"
        case .array(let items):
            if items.allSatisfy(\.isScalar) || items.allSatisfy(\.isFlatArray) {
                return "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + $0.rendered(indent: indent + 2) }.joined(separator: ",\n") + "\n\(pad)]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { inner + Self.quote($0.0) + ": " + $0.1.rendered(indent: indent + 2) }
                .joined(separator: ",\n") + "\n\(pad)}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private var isFlatArray: Bool {
        if case .array(let items) = self { return items.allSatisfy(\.isScalar) }
        return false
    }

    private static func quote(_ s: String) -> String { JSONString.quoted(s) }
}
