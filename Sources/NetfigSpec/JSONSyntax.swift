/// A strict JSON syntax check (RFC 8259) that says where the first mistake is.
///
/// Foundation's decoder accepts trailing commas and reports syntax errors without a
/// position; a teacher who left a comma before `]` or a `// comment` needs the line.
/// This only validates; the decoding is Foundation's.
///
/// ```swift
/// JSONSyntax.firstError(in: "{\"a\": [1, 2,]}")   // (line: 1, "a comma before ']' …")
/// ```
enum JSONSyntax {
    /// The first syntax error, or nil when `text` is valid JSON.
    static func firstError(in text: String) -> (line: Int, message: String)? {
        var parser = Parser(bytes: Array(text.utf8))
        do {
            parser.skipSpace()
            try parser.value(depth: 0)
            parser.skipSpace()
            if parser.index < parser.bytes.count { throw parser.error("unexpected '\(parser.character)' after the end of the document") }
            return nil
        } catch let error as Parser.Failure {
            return (error.line, error.message)
        } catch {
            return (1, "\(error)")
        }
    }

    private struct Parser {
        struct Failure: Error {
            let line: Int
            let message: String
        }

        let bytes: [UInt8]
        var index = 0
        var line = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        var character: String {
            guard index < bytes.count else { return "end of file" }
            return String(decoding: [bytes[index]], as: UTF8.self)
        }

        func error(_ message: String) -> Failure { Failure(line: line, message: message) }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\n"): line += 1
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
                default: return
                }
                index += 1
            }
        }

        mutating func value(depth: Int) throws {
            guard depth < 512 else { throw error("nested too deeply") }
            guard index < bytes.count else { throw error("the document ends where a value was expected") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try container(close: UInt8(ascii: "}"), depth: depth, keyed: true)
            case UInt8(ascii: "["): try container(close: UInt8(ascii: "]"), depth: depth, keyed: false)
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "/"): throw error("JSON has no comments; remove the '/…' (or write the spec in YAML, which has # comments)")
            default: try scalar()
            }
        }

        mutating func container(close: UInt8, depth: Int, keyed: Bool) throws {
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == close {
                index += 1
                return
            }
            while true {
                if keyed {
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                        throw error(bytes.indices.contains(index) && bytes[index] == UInt8(ascii: "/")
                            ? "JSON has no comments; remove the '/…' (or write the spec in YAML, which has # comments)"
                            : "expected a key in double quotes, found '\(character)'")
                    }
                    try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after the key, found '\(character)'") }
                    index += 1
                    skipSpace()
                }
                try value(depth: depth + 1)
                skipSpace()
                guard index < bytes.count else { throw error("the document ends inside a \(keyed ? "{ … }" : "[ … ]")") }
                if bytes[index] == close {
                    index += 1
                    return
                }
                guard bytes[index] == UInt8(ascii: ",") else {
                    throw error("expected ',' or '\(String(decoding: [close], as: UTF8.self))', found '\(character)'")
                }
                index += 1
                let commaLine = line
                skipSpace()
                if index < bytes.count, bytes[index] == close {
                    throw Failure(line: commaLine, message: "a comma before '\(String(decoding: [close], as: UTF8.self))'; JSON allows none after the last item")
                }
            }
        }

        mutating func string() throws {
            index += 1
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index += 1
                    return
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\n"): throw error("a string runs past the end of the line; close it with '\"'")
                default: index += 1
                }
            }
            throw error("a string is never closed with '\"'")
        }

        /// A number, true, false or null.
        mutating func scalar() throws {
            let start = index
            while index < bytes.count, !" \t\r\n,]}:".utf8.contains(bytes[index]) { index += 1 }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            guard ["true", "false", "null"].contains(word) || Self.isNumber(word) else {
                throw error(word.isEmpty ? "expected a value, found '\(character)'" : "'\(word)' is not a JSON value (words need double quotes)")
            }
        }

        static func isNumber(_ word: String) -> Bool {
            // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
            var chars = Substring(word)
            if chars.first == "-" { chars = chars.dropFirst() }
            let integer = chars.prefix { $0.isASCII && $0.isNumber }
            guard !integer.isEmpty, integer == "0" || integer.first != "0" else { return false }
            chars = chars.dropFirst(integer.count)
            if chars.first == "." {
                let fraction = chars.dropFirst().prefix { $0.isASCII && $0.isNumber }
                guard !fraction.isEmpty else { return false }
                chars = chars.dropFirst(1 + fraction.count)
            }
            if chars.first == "e" || chars.first == "E" {
                chars = chars.dropFirst()
                if chars.first == "+" || chars.first == "-" { chars = chars.dropFirst() }
                let exponent = chars.prefix { $0.isASCII && $0.isNumber }
                guard !exponent.isEmpty else { return false }
                chars = chars.dropFirst(exponent.count)
            }
            return chars.isEmpty
        }
    }
}
