import CCairo
import Synchronization

/// Checks through fontconfig that a font family is really installed.
///
/// Cairo's font selection falls back silently to whatever fontconfig offers, which would
/// give a figure another layout on a machine without DejaVu; we would rather fail loudly.
enum FontAvailability {
    private static let checked = Mutex<[String: Bool]>([:])

    /// Throws `DrawingError.fontNotFound` unless fontconfig resolves `family` to itself.
    static func require(_ family: String) throws {
        if try isInstalled(family) { return }
        let package: String? = family.hasPrefix("DejaVu") ? "fonts-dejavu-core" : nil
        throw DrawingError.fontNotFound(family: family, package: package)
    }

    static func isInstalled(_ family: String) throws -> Bool {
        if let known = checked.withLock({ $0[family] }) { return known }
        let found = resolvedFamilies(for: family).contains { $0.lowercased() == family.lowercased() }
        checked.withLock { $0[family] = found }
        return found
    }

    /// The family names of the font fontconfig would pick for `family`.
    static func resolvedFamilies(for family: String) -> [String] {
        guard let pattern = FcPatternCreate() else { return [] }
        defer { FcPatternDestroy(pattern) }
        let added = family.withCString { name in
            name.withMemoryRebound(to: FcChar8.self, capacity: family.utf8.count + 1) { bytes in
                FcPatternAddString(pattern, FC_FAMILY, bytes)
            }
        }
        guard added != 0, FcConfigSubstitute(nil, pattern, FcMatchPattern) != 0 else { return [] }
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let match = FcFontMatch(nil, pattern, &result) else { return [] }
        defer { FcPatternDestroy(match) }
        var names: [String] = []
        var position: Int32 = 0
        var value: UnsafeMutablePointer<FcChar8>?
        while FcPatternGetString(match, FC_FAMILY, position, &value) == FcResultMatch, let value {
            names.append(String(cString: value))
            position += 1
        }
        return names
    }
}
