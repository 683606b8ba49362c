import NetworkEngine

/// A coding key for any string or index: reads keys the schema does not know.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }
    init(_ index: Int) { self.init(intValue: index) }
}

extension Decoder {
    /// Throws on the first key that `Keys` does not list, suggesting the nearest valid one,
    /// so that a typo in a spec is never silently ignored.
    func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_: Keys.Type) throws {
        let container = try self.container(keyedBy: AnyKey.self)
        let known = Keys.allCases.map(\.stringValue)
        for key in container.allKeys where !known.contains(key.stringValue) {
            var message = "unknown key '\(key.stringValue)'"
            if let near = nearest(to: key.stringValue, in: known) { message += "; did you mean '\(near)'?" }
            message += " Expected one of: \(known.joined(separator: ", "))"
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [key], debugDescription: message))
        }
    }
}

extension KeyedDecodingContainer {
    /// Decodes a word naming a case of `T`, failing with the list of accepted words.
    func decodeChoice<T: RawRepresentable & CaseIterable>(_: T.Type, forKey key: Key) throws -> T where T.RawValue == String {
        let word = try decode(String.self, forKey: key)
        return try T.parse(word, codingPath: codingPath + [key])
    }

    func decodeChoiceIfPresent<T: RawRepresentable & CaseIterable>(_: T.Type, forKey key: Key) throws -> T? where T.RawValue == String {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeChoice(T.self, forKey: key)
    }
}

extension RawRepresentable where Self: CaseIterable, RawValue == String {
    /// The accepted words, for messages: "tanh, sigmoid, relu, identity".
    static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Parses a word, case-insensitively, or throws naming the accepted ones.
    static func parse(_ word: String, codingPath: [any CodingKey]) throws -> Self {
        if let value = allCases.first(where: { $0.rawValue == word.lowercased() }) { return value }
        var message = "unknown value '\(word)'"
        if let near = nearest(to: word.lowercased(), in: allCases.map(\.rawValue)) { message += "; did you mean '\(near)'?" }
        message += " Expected one of: \(choices)"
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: message))
    }
}

/// The candidate closest to `word` by edit distance, when it is close enough to be a typo.
func nearest(to word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(1, best.0.count / 3) ? best.0 : nil
}

/// Levenshtein distance.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
