/// A strict JSON syntax check (RFC 8259) that says where the first mistake is, and rejects a
/// key given twice in one object, as YAML's parser does (Foundation's decoder keeps one).
///
/// Foundation's decoder accepts trailing commas and reports syntax errors without a
/// position; a teacher who left a comma before `]` or a `// comment` needs the line.
/// This only validates; the decoding is Foundation's.
///
/// ```swift
/// JSONSyntax.firstError(in: "{\"a\": [1, 2,]}")   // (line: 1, "a comma before ']' …")
/// ```
enum JSONSyntax {
    /// The first syntax error, or nil when `text` is valid JSON; `field` names the key given
    /// twice (`data.set`) and is empty for other errors.
    static func firstError(in text: String) -> (line: Int, field: String, message: String)? {
        var parser = Parser(bytes: Array(text.utf8))
        do {
            parser.skipSpace()
            try parser.value(depth: 0, path: [])
            parser.skipSpace()
            if parser.index < parser.bytes.count { throw parser.error("unexpected '\(parser.character)' after the end of the document") }
            return nil
        } catch let error as Parser.Failure {
            return (error.line, error.field, error.message)
        } catch {
            return (1, "", "\(error)")
        }
    }

    private struct Parser {
        struct Failure: Error {
            let line: Int
            var field = ""
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

        mutating func value(depth: Int, path: [FieldPath]) throws {
            guard depth < 512 else { throw error("nested too deeply") }
            guard index < bytes.count else { throw error("the document ends where a value was expected") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try container(close: UInt8(ascii: "}"), depth: depth, keyed: true, path: path)
            case UInt8(ascii: "["): try container(close: UInt8(ascii: "]"), depth: depth, keyed: false, path: path)
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "/"): throw error("JSON has no comments; remove the '/…' (or write the spec in YAML, which has # comments)")
            default: try scalar()
            }
        }

        mutating func container(close: UInt8, depth: Int, keyed: Bool, path: [FieldPath]) throws {
            index += 1
            var keys: Set<String> = []
            var position = 0
            skipSpace()
            if index < bytes.count, bytes[index] == close {
                index += 1
                return
            }
            while true {
                var member = FieldPath.index(position)
                position += 1
                if keyed {
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                        throw error(bytes.indices.contains(index) && bytes[index] == UInt8(ascii: "/")
                            ? "JSON has no comments; remove the '/…' (or write the spec in YAML, which has # comments)"
                            : "expected a key in double quotes, found '\(character)'")
                    }
                    let keyLine = line
                    let key = try string()
                    member = .key(key)
                    guard keys.insert(key).inserted else {
                        throw Failure(line: keyLine, field: FieldPath.render(path + [.key(key)]),
                                      message: "duplicate key '\(key)'; each key may appear once")
                    }
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after the key, found '\(character)'") }
                    index += 1
                    skipSpace()
                }
                try value(depth: depth + 1, path: path + [member])
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

        /// Reads a string; returns its text with the escapes read (keys are compared by it).
        mutating func string() throws -> String {
            index += 1
            let start = index
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index += 1
                    return Self.unescaped(bytes[start..<(index - 1)])
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\n"): throw error("a string runs past the end of the line; close it with '\"'")
                default: index += 1
                }
            }
            throw error("a string is never closed with '\"'")
        }

        /// A string's text: `\n`, `\"`, `\u0041` and the rest read; an escape JSON does not
        /// have is kept as written (the decoder reports it).
        static func unescaped(_ raw: ArraySlice<UInt8>) -> String {
            guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
            var units: [UInt16] = []
            var i = raw.startIndex
            while i < raw.endIndex {
                guard raw[i] == UInt8(ascii: "\\"), i + 1 < raw.endIndex else {
                    // Plain UTF-8 up to the next escape, as UTF-16 units.
                    var end = i + 1
                    while end < raw.endIndex, raw[end] != UInt8(ascii: "\\") { end += 1 }
                    units += Array(String(decoding: raw[i..<end], as: UTF8.self).utf16)
                    i = end
                    continue
                }
                let escape = raw[i + 1]
                let simple: [UInt8: UInt16] = [UInt8(ascii: "n"): 10, UInt8(ascii: "t"): 9, UInt8(ascii: "r"): 13, UInt8(ascii: "b"): 8, UInt8(ascii: "f"): 12]
                if escape == UInt8(ascii: "u"), i + 6 <= raw.endIndex,
                   let unit = UInt16(String(decoding: raw[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16) {
                    units.append(unit)
                    i += 6
                } else {
                    units.append(simple[escape] ?? UInt16(escape))
                    i += 2
                }
            }
            return String(decoding: units, as: UTF16.self)
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

/// Text as a JSON string: quotes, backslashes and control characters escaped (DEL too).
/// YAML reads the result as the same double-quoted scalar, so it serves spec files as well.
///
/// ```swift
/// JSONString.quoted("a \"b\"\n")   // "\"a \\\"b\\\"\\n\""
/// ```
public enum JSONString {
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
