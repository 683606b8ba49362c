/// Text from a spec (or a data file, or the command line) made fit to echo in a one-line
/// error: a terminal must not obey escape sequences a spec holds, a `\r\n` must not start a
/// forged second `netfig:` line, and a 10 MB value must not fill the screen.
///
/// ```swift
/// Echo.value("ta\u{1B}[2Jnh")                         // "ta\u{1B}[2Jnh" with the escape written out
/// Echo.value(String(repeating: "x", count: 100))       // 60 x's, then "…"
/// ```
public enum Echo {
    /// Longest value shown, in characters: long enough to recognise, short enough to read.
    public static let limit = 60

    /// `text` with control characters escaped and cut to `limit` characters, with "…".
    public static func value(_ text: String, limit: Int = Echo.limit) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.prefix(limit))
        let cut = text.unicodeScalars.count > limit
        return escaped(String(scalars)) + (cut ? "…" : "")
    }

    /// `text` with control characters written as `\u{1B}`: C0 and C1 controls, DEL, the
    /// line and paragraph separators and the bidirectional overrides (which reorder what a
    /// terminal shows).
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
