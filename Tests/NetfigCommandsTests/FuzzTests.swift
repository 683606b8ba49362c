import Foundation
import NetworkEngine
import Testing
@testable import NetfigCommands
@testable import NetfigSpec

/// Thousands of mutated specs through the loader and `eval`: each must end in a result or in
/// `SpecErrors` naming the file — never a trap, a hang or another kind of error.
struct FuzzTests {
    /// The seeds: every spec in assets/.
    static let seeds: [(name: String, text: String)] = {
        let folder = repositoryRoot.appendingPathComponent("assets")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        return names.compactMap { name in
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)).map { (name, $0) }
        }
    }()

    static let replacements = ["1e308", "-1e308", "9223372036854775807", "-1", "0", ".nan", ".inf", "-.inf", "tanh", "\"x\"",
                               "[]", "[[]]", "{}", "null", "~", "[1, [2]]", "{set: heart}", "100000", "-0.0", "1.5", "true", "&a", "*a"]

    /// One random mutation of a spec's text.
    static func mutate(_ text: String, _ rng: inout Xoshiro256StarStar) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch rng.nextIndex(below: 8) {
        case 0: // flip a byte
            var bytes = Array(text.utf8)
            guard !bytes.isEmpty else { return text }
            bytes[rng.nextIndex(below: bytes.count)] = UInt8(rng.nextIndex(below: 256))
            return String(decoding: bytes, as: UTF8.self)
        case 1: // drop a line
            guard !lines.isEmpty else { return text }
            lines.remove(at: rng.nextIndex(below: lines.count))
        case 2: // duplicate a line
            guard !lines.isEmpty else { return text }
            let i = rng.nextIndex(below: lines.count)
            lines.insert(lines[i], at: i)
        case 3: // rename a key
            let keys = ["layers", "activation", "weights", "biases", "init", "cost", "data", "training", "rate", "steps", "set", "count", "inputs", "targets"]
            let key = keys[rng.nextIndex(below: keys.count)]
            return text.replacingOccurrences(of: key + ":", with: String(key.shuffled(using: &rng)) + ":")
        case 4, 5: // replace a number with something extreme or wrong
            let numbers = text.ranges(of: /-?[0-9]+(\.[0-9]+)?/)
            guard !numbers.isEmpty else { return text }
            let range = numbers[rng.nextIndex(below: numbers.count)]
            var copy = text
            copy.replaceSubrange(range, with: replacements[rng.nextIndex(below: replacements.count)])
            return copy
        case 6: // truncate
            let bytes = Array(text.utf8)
            return String(decoding: bytes.prefix(rng.nextIndex(below: bytes.count + 1)), as: UTF8.self)
        default: // splice in a line from elsewhere
            guard !lines.isEmpty else { return text }
            let other = seeds[rng.nextIndex(below: seeds.count)].text.split(separator: "\n").map(String.init)
            guard !other.isEmpty else { return text }
            lines.insert(other[rng.nextIndex(below: other.count)], at: rng.nextIndex(below: lines.count))
        }
        return lines.joined(separator: "\n")
    }

    @Test("3000 mutated specs: each loads and evaluates, or fails with SpecErrors naming the file")
    func fuzz() throws {
        #expect(Self.seeds.count >= 8)
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var rng = Xoshiro256StarStar(seed: 2026)
        var loaded = 0, rejected = 0
        for round in 0..<3000 {
            let seed = Self.seeds[round % Self.seeds.count]
            var text = Self.mutate(seed.text, &rng)
            if rng.nextIndex(below: 3) == 0 { text = Self.mutate(text, &rng) }
            let name = round % 7 == 0 ? "spec\(round).json" : "spec\(round).yaml"
            let path = directory.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            do {
                let spec = try SpecFile.load(path)
                loaded += 1
                // Evaluate what is small enough to evaluate quickly; the loader's limits are checked elsewhere.
                // A spec without data (a mutation took it away) describes a network alone.
                if let data = spec.data, spec.network.parameterCount * data.count <= 2_000_000 {
                    let report = EvalReport(spec, data: data)
                    #expect(!report.text.isEmpty)
                    #expect(!report.json.rendered().isEmpty)
                }
            } catch let errors as SpecErrors {
                rejected += 1
                #expect(!errors.problems.isEmpty)
                #expect(errors.problems.allSatisfy { $0.file == path && !$0.message.isEmpty }, "\(errors)")
            } catch {
                Issue.record("round \(round): \(type(of: error)): \(error)\n\(text)")
            }
            try? FileManager.default.removeItem(atPath: path)
        }
        print("fuzz: \(loaded) loaded, \(rejected) rejected")
        #expect(loaded > 100 && rejected > 1000, "loaded \(loaded), rejected \(rejected)")
    }
}

/// Mutated CSV data files behind a spec: each loads, or fails with SpecErrors naming the
/// spec or the data file — never a trap or another kind of error.
struct DataFileFuzzTests {
    @Test("1000 mutated CSV files: each loads or fails with SpecErrors naming the spec or the data file")
    func csv() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var rng = Xoshiro256StarStar(seed: 10)
        let good = (0..<12).map { k in "\(Double(k) / 11),\(1 - Double(k) / 11),\(k % 2)" }
        let oddities = ["", ",", "1,2", "1,2,3,4", "nan,1,0", "inf,1,0", "1e999,0,1", "\"1\",2,3", "\u{FEFF}0,1,0", "0x10,1,0",
                        "1;2;3", " 1 , 2 , 3 ", "1,2,", "-,-,-", String(repeating: "9", count: 400) + ",1,0"]
        let endings = ["\n", "\r\n", "\r"]
        var loaded = 0, rejected = 0
        for round in 0..<1000 {
            var lines = good
            for _ in 0...rng.nextIndex(below: 3) {
                switch rng.nextIndex(below: 4) {
                case 0: lines.insert(oddities[rng.nextIndex(below: oddities.count)], at: rng.nextIndex(below: lines.count + 1))
                case 1: if !lines.isEmpty { lines.remove(at: rng.nextIndex(below: lines.count)) }
                case 2: if !lines.isEmpty { lines[rng.nextIndex(below: lines.count)] = oddities[rng.nextIndex(below: oddities.count)] }
                default: lines = Array(lines.prefix(rng.nextIndex(below: lines.count + 1)))
                }
            }
            var text = lines.joined(separator: endings[rng.nextIndex(below: endings.count)])
            if rng.nextIndex(below: 4) == 0, !text.isEmpty {
                var bytes = Array(text.utf8)
                bytes[rng.nextIndex(below: bytes.count)] = UInt8(rng.nextIndex(below: 256))
                text = String(decoding: bytes, as: UTF8.self)
            }
            let csv = directory.appendingPathComponent("data\(round).csv")
            let spec = directory.appendingPathComponent("spec\(round).yaml")
            try text.write(to: csv, atomically: true, encoding: .utf8)
            try "layers: [2, 3, 1]\nactivation: tanh\ninit: {seed: 1, scale: 0.5}\ndata: {file: data\(round).csv, inputs: 2}\n"
                .write(to: spec, atomically: true, encoding: .utf8)
            do {
                let loadedSpec = try SpecFile.load(spec.path)
                #expect((loadedSpec.data?.count ?? 0) > 0)
                loaded += 1
            } catch let errors as SpecErrors {
                rejected += 1
                #expect(!errors.problems.isEmpty)
                #expect(errors.problems.allSatisfy { ($0.file.hasSuffix("spec\(round).yaml") || $0.file.hasSuffix("data\(round).csv")) && !$0.message.isEmpty },
                        "\(errors)")
                #expect(!errors.description.contains("\r"), "\(errors)")
            } catch {
                Issue.record("round \(round): \(type(of: error)): \(error)")
            }
        }
        print("csv fuzz: \(loaded) loaded, \(rejected) rejected")
        #expect(loaded > 50 && rejected > 200, "loaded \(loaded), rejected \(rejected)")
    }
}
