import Foundation
import Testing

/// `data.file` reads files in the spec's folder or the folder netfig runs in, nothing else.
struct DataFilePolicyTests {
    @Test("a data file beside the spec, below it, or in the folder netfig runs in is read; one past both, by ../, an absolute path or a link, is refused before it is opened")
    func reach() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        for folder in ["course/specs/sub", "course/data", "elsewhere"] {
            try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let csv = "0,1\n1,0\n"
        for file in ["course/specs/beside.csv", "course/specs/sub/below.csv", "course/data/shared.csv", "elsewhere/secret.csv"] {
            try csv.write(to: root.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("course/specs/link").path,
                                  withDestinationPath: root.appendingPathComponent("elsewhere").path)
        func spec(_ name: String, file: String) throws {
            try "layers: [1, 1]\nactivation: tanh\ndata: {file: \(file), inputs: 1}\n"
                .write(to: root.appendingPathComponent("course/specs/\(name).yaml"), atomically: true, encoding: .utf8)
        }
        try spec("beside", file: "beside.csv")
        try spec("below", file: "sub/below.csv")
        try spec("shared", file: "../data/shared.csv")
        try spec("climb", file: "../../elsewhere/secret.csv")
        try spec("absolute", file: root.appendingPathComponent("elsewhere/secret.csv").path)
        try spec("link", file: "link/secret.csv")
        try spec("missing", file: "../../elsewhere/none.csv")
        try spec("linkclimb", file: "link/../elsewhere/secret.csv")
        let course = root.appendingPathComponent("course"), specs = root.appendingPathComponent("course/specs")
        // Run in the spec's folder: only what lies in it.
        for (name, readable) in [("beside", true), ("below", true), ("shared", false), ("climb", false), ("absolute", false),
                                 ("link", false), ("missing", false)] {
            let run = try netfig("eval", "\(name).yaml", in: specs)
            #expect(run.status == (readable ? 0 : 2), "\(name): \(run.stderr)")
            if !readable {
                #expect(run.stderr.hasPrefix("netfig: \(name).yaml:3: data.file: '") && run.stderr.hasSuffix(
                    "' lies outside the spec's folder and the folder netfig runs in; expected a file inside either (run netfig from a folder that holds it)\n"),
                        "\(name): \(run.stderr)")
            }
        }
        // Run in the course's root: its data folder too, but still not past it.
        for (name, readable) in [("beside", true), ("shared", true), ("climb", false), ("link", false)] {
            let run = try netfig("eval", "specs/\(name).yaml", in: course)
            #expect(run.status == (readable ? 0 : 2), "\(name): \(run.stderr)")
        }
        // As the system reads it, `link/..` is the link's target's parent: outside.
        let tricky = try netfig("eval", "linkclimb.yaml", in: specs)
        #expect(tricky.status == 2, "\(tricky.stderr)")
        // A missing file outside is refused the same way as a present one: nothing said of it.
        let missing = try netfig("eval", "missing.yaml", in: specs)
        #expect(!missing.stderr.contains("no such file"))
    }
}
