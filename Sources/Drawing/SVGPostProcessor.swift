/// Makes cairo's SVG reproducible and adds provenance.
///
/// Cairo 1.16 names definitions `surfaceN`, `imageN`, `glyphN-M`, `clipN`, … from
/// process-wide counters, so the same drawing gets other ids the second time in a process.
/// We renumber every id family in order of first appearance, which depends only on the
/// document itself.
enum SVGPostProcessor {
    static let idPrefixes: [[UInt8]] = ["surface", "image", "glyph", "clip", "mask", "pattern",
                                        "linear", "radial", "source", "filter"].map { Array($0.utf8) }

    /// Renumbers ids and references (`id="…"`, `#…`) and inserts a `<metadata>` element.
    static func process(_ svg: [UInt8], metadata: [(key: String, value: String)]) -> [UInt8] {
        insertMetadata(renumberIDs(svg), metadata: metadata)
    }

    static func renumberIDs(_ svg: [UInt8]) -> [UInt8] {
        var mapping: [[UInt8]: [Int: Int]] = [:]
        var out: [UInt8] = []
        out.reserveCapacity(svg.count)
        var i = 0
        let quote = UInt8(ascii: "\"")
        let hash = UInt8(ascii: "#")
        while i < svg.count {
            let byte = svg[i]
            out.append(byte)
            i += 1
            // Ids start after `id="` or a `#` of a reference.
            let startsName = byte == hash || (byte == quote && i >= 4 && svg[i - 4] == UInt8(ascii: "i")
                && svg[i - 3] == UInt8(ascii: "d") && svg[i - 2] == UInt8(ascii: "="))
            guard startsName else { continue }
            guard let prefix = idPrefixes.first(where: { matches($0, in: svg, at: i) }) else { continue }
            var j = i + prefix.count
            var number = 0
            var digits = 0
            while j < svg.count, svg[j] >= 48, svg[j] <= 57, digits < 18 {
                number = number * 10 + Int(svg[j] - 48)
                j += 1
                digits += 1
            }
            guard digits > 0 else { continue }
            var table = mapping[prefix] ?? [:]
            let renumbered: Int
            if let known = table[number] {
                renumbered = known
            } else {
                renumbered = table.count
                table[number] = renumbered
                mapping[prefix] = table
            }
            out.append(contentsOf: prefix)
            out.append(contentsOf: Array(String(renumbered).utf8))
            i = j
        }
        return out
    }

    private static func matches(_ prefix: [UInt8], in bytes: [UInt8], at offset: Int) -> Bool {
        guard offset + prefix.count <= bytes.count else { return false }
        for k in 0..<prefix.count where bytes[offset + k] != prefix[k] { return false }
        return true
    }

    /// Inserts `<metadata>` right after the opening `<svg …>` tag.
    static func insertMetadata(_ svg: [UInt8], metadata: [(key: String, value: String)]) -> [UInt8] {
        guard !metadata.isEmpty else { return svg }
        let open = Array("<svg".utf8)
        guard let start = (0..<svg.count).first(where: { matches(open, in: svg, at: $0) }),
              let end = (start..<svg.count).first(where: { svg[$0] == UInt8(ascii: ">") })
        else { return svg }
        var element = "\n<metadata id=\"provenance\">\n"
        for (key, value) in metadata {
            element += "<entry xmlns=\"urn:netfig:provenance\" key=\"\(escape(key))\">\(escape(value))</entry>\n"
        }
        element += "</metadata>"
        return Array(svg[...end]) + Array(element.utf8) + Array(svg[(end + 1)...])
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // XML 1.0 forbids most control characters even when escaped.
                if scalar.value < 32 && scalar != "\n" && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
