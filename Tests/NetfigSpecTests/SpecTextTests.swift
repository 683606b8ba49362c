import Foundation
import Testing
@testable import NetfigSpec

/// What of a spec reaches an error line (escaped, cut, one line), JSON's duplicate keys and
/// CSV line endings.
struct SpecTextTests {
    @Test("control characters are escaped and long values cut with …")
    func echo() {
        #expect(Echo.value("ta\u{1B}[2Jnh") == "ta\\u{1B}[2Jnh")
        #expect(Echo.value("a\r\nb\u{9B}c\u{202E}d") == "a\\u{D}\\u{A}b\\u{9B}c\\u{202E}d")
        #expect(Echo.value(String(repeating: "x", count: 60)) == String(repeating: "x", count: 60))
        #expect(Echo.value(String(repeating: "x", count: 61)) == String(repeating: "x", count: 60) + "…")
        #expect(Echo.value("héllo ❤️") == "héllo ❤️")
    }

    @Test("a terminal escape in a value is echoed escaped, on one line")
    func escapeInValue() {
        let error = loadError("layers: [1, 1]\nactivation: \"ta\\e]0;owned\\u0007nh\"\ndata: {set: not}\n")
        #expect(error?.description == "spec.yaml:2: activation: unknown value 'ta\\u{1B}]0;owned\\u{7}nh'; expected one of: tanh, sigmoid, relu, identity")
    }

    @Test("a key holding \\r\\n cannot forge a second line")
    func forgedLine() {
        let error = loadError("layers: [1, 1]\nactivation: tanh\n\"x\\r\\nnetfig: all good\": 1\ndata: {set: not}\n")
        let description = error?.description ?? ""
        #expect(!description.contains("\n") && !description.contains("\r"))
        #expect(description.hasPrefix("spec.yaml:3: x\\u{D}\\u{A}netfig: all good: unknown key 'x\\u{D}\\u{A}netfig: all good'"))
    }

    @Test("libyaml's control-character error is one line without the raw byte")
    func rawControlCharacter() {
        let error = loadError("layers: [1, 1]\nactivation: ta\u{1B}[2Jnh\ndata: {set: not}\n")
        #expect(error?.description == "spec.yaml:2: YAML text: control characters are not allowed (\\u{1B}); remove it or write it as an escape in a double-quoted string")
    }

    @Test("a 10,000-character value is cut to 60 characters and …")
    func longValue() {
        let error = loadError("layers: [1, 1]\nactivation: \(String(repeating: "q", count: 10_000))\ndata: {set: not}\n")
        #expect(error?.description == "spec.yaml:2: activation: unknown value '\(String(repeating: "q", count: 60))…'; expected one of: tanh, sigmoid, relu, identity")
    }

    @Test("JSON duplicate keys are rejected like YAML's, with the line and the field", arguments: [
        ("{\"layers\": [1, 1],\n \"activation\": \"tanh\",\n \"data\": {\"set\": \"not\"},\n \"activation\": \"relu\"}", "spec.json:4: activation: duplicate key 'activation'; each key may appear once"),
        ("{\"layers\": [1, 1], \"activation\": \"tanh\",\n \"data\": {\"set\": \"not\", \"s\\u0065t\": \"xor\"}}", "spec.json:2: data.set: duplicate key 'set'; each key may appear once"),
        ("{\"layers\": [1, 1], \"activation\": \"tanh\", \"weights\": [[[1]], {\"a\": 1, \"a\": 2}], \"data\": {\"set\": \"not\"}}", "spec.json:1: weights[1].a: duplicate key 'a'; each key may appear once"),
    ])
    func jsonDuplicates(text: String, expected: String) {
        #expect(loadError(text, name: "spec.json")?.description == expected)
    }

    @Test("the same keys in different objects are not duplicates")
    func jsonDistinctObjects() throws {
        let loaded = try load("{\"layers\": [1, 1], \"activation\": \"tanh\", \"data\": {\"inputs\": [[1]], \"targets\": [[0]]}, \"training\": {\"steps\": 5}}", name: "spec.json")
        #expect(loaded.training.steps == 5)
    }

    @Test("CSV data with LF, CRLF or CR line endings reads the same", arguments: ["\n", "\r\n", "\r"])
    func csvLineEndings(ending: String) throws {
        let csv = ["x,y", "0,1", "", "# a comment", "1,0.5"].joined(separator: ending) + ending
        let loaded = try load("layers: [1, 1]\nactivation: tanh\ndata: {file: d.csv, inputs: 1}\n", extra: ["d.csv": csv])
        #expect(loaded.data!.count == 2)
        #expect(loaded.data!.targets.column(1) == [0.5])
    }

    @Test("a CRLF CSV's error names the right line")
    func csvLineNumbers() {
        let error = loadError("layers: [1, 1]\nactivation: tanh\ndata: {file: d.csv, inputs: 1}\n", extra: ["d.csv": "x,y\r\n0,1\r\n1,2,3\r\n"])
        #expect(error?.description == "d.csv:3: 3 columns; expected 2 (1 inputs, then 1 targets)")
    }

    /// Files the byte-by-byte reading takes (ASCII), each once as written and once with a
    /// comment holding an "é" added at its end, which sends it through the reading of the text.
    static let csvFiles: [String] = [
        "x,y\n0,1\n\n# a comment\n1,0.5\n",
        " \t0 , 1\t\r\n\r\n  # indented comment\r\n2,\t3 \r\n",
        "0,1\r1,2\r\r3,4",
        "0,1\n\r2,3\n\n\n",
        "x,y\n1e-3,+2\n0x1p-2,-0.0\n",
        "a,b\nc,d\n0,1\n",
        "0,1\n1,,2\n",
        "0,1\n1,nan\n",
        "0,1\n  \t \n1,inf\n",
        "0;1\n",
        "#only,a,comment\n",
        "\n\n",
        "0,1,\n",
    ]

    @Test("CSV data read byte by byte gives the examples, lines and messages the reading of the text gives", arguments: csvFiles)
    func csvByBytes(_ csv: String) throws {
        let spec = "layers: [1, 1]\nactivation: tanh\ndata: {file: d.csv, inputs: 1}\n"
        // The last line may be unended: the comment goes on a line of its own after it.
        let slow = csv + (csv.hasSuffix("\n") || csv.hasSuffix("\r") ? "" : "\n") + "# é\n"
        let fast = csv + (csv.hasSuffix("\n") || csv.hasSuffix("\r") ? "" : "\n") + "# e\n"
        let bytes = Data(fast.utf8)
        #expect(try CSVData.forEachASCIILine(bytes) { _, _ in })
        #expect(try !CSVData.forEachASCIILine(Data(slow.utf8)) { _, _ in })
        let a = loadErrors(spec, extra: ["d.csv": fast]), b = loadErrors(spec, extra: ["d.csv": slow])
        #expect(a.map(\.description) == b.map(\.description))
        if a.isEmpty, b.isEmpty {
            let one = try load(spec, extra: ["d.csv": fast]), other = try load(spec, extra: ["d.csv": slow])
            #expect(one.data == other.data)
        }
    }
}
