import NetworkEngine
import Synchronization

/// The problems decoding met, kept so that decoding can go on and report them all at once.
/// Passed to the decoders in `userInfo`; without it, decoding stops at the first problem.
final class ProblemLog: Sendable {
    private let entries = Mutex<[DecodingError]>([])

    /// Records a problem of our own (an unknown key) at a coding path.
    func record(_ codingPath: [any CodingKey], _ message: String) {
        record(DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: message)))
    }

    /// Records a decoder's error (type mismatch, missing key, …).
    func record(_ error: DecodingError) {
        entries.withLock { $0.append(error) }
    }

    var errors: [DecodingError] { entries.withLock { $0 } }
}

extension CodingUserInfoKey {
    /// Where decoders find the `ProblemLog`.
    static let problems: CodingUserInfoKey = CodingUserInfoKey(rawValue: "netfig.problems") ?? CodingUserInfoKey(rawValue: "problems")!
}

extension Decoder {
    var problemLog: ProblemLog? { userInfo[.problems] as? ProblemLog }

    /// Runs one decoding step. When a `ProblemLog` is collecting, a failure is recorded and
    /// nil returned, so the caller can go on to the next field; otherwise it is thrown.
    func attempt<T>(_ body: () throws -> T) throws -> T? {
        do {
            return try body()
        } catch let error as DecodingError {
            guard let log = problemLog else { throw error }
            log.record(error)
            return nil
        }
    }
}

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
            let message = unknown("key", key.stringValue, known)
            guard let log = problemLog else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [key], debugDescription: message))
            }
            log.record(codingPath + [key], message)
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
        let message = unknown("value", word, allCases.map(\.rawValue))
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: message))
    }
}

/// "unknown key 'stpes'; did you mean 'steps'? (expected one of: rate, steps, …)".
func unknown(_ what: String, _ word: String, _ known: [String]) -> String {
    let list = known.joined(separator: ", ")
    let word = Echo.value(word)
    if let near = nearest(to: word, in: known) {
        return "unknown \(what) '\(word)'; did you mean '\(near)'? (expected one of: \(list))"
    }
    return "unknown \(what) '\(word)'; expected one of: \(list)"
}

/// The candidate closest to `word` by edit distance, when it is close enough to be a typo.
func nearest(to word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(1, best.0.count / 3) ? best.0 : nil
}

/// Edit distance counting insertions, deletions, substitutions and swaps of neighbours
/// (optimal string alignment), since swapped letters are the commonest typo.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}
