import Foundation
import Testing

/// `surface --compare` and `--gradient-field`: rival paths and the field they follow.
struct RivalPathTests {
    /// The final cost a figure states for each path, read from its SVG's text.
    static func finalCosts(_ url: URL) throws -> [String] {
        TitleTests.texts(try String(contentsOf: url, encoding: .utf8)).compactMap { text in
            guard let range = text.range(of: "C = ") else { return nil }
            guard text.hasPrefix("after ") || text.contains(", rate ") else { return nil }
            return String(text[range.upperBound...])
        }
    }

    /// The descent paths of a surface figure as drawn: the `d` of each path's dark halo (the
    /// widest black stroke; one per path, under its colour), in the SVG's own numbers.
    static func drawnPaths(_ url: URL) throws -> [String] {
        let svg = try String(contentsOf: url, encoding: .utf8)
        let strokes: [(d: String, width: Double)] = svg.components(separatedBy: "<path ").dropFirst().compactMap { element in
            let tag = element.components(separatedBy: ">")[0]
            func attribute(_ name: String) -> String? {
                guard let start = tag.range(of: " \(name)=\"") ?? (tag.hasPrefix("\(name)=\"") ? tag.range(of: "\(name)=\"") : nil) else { return nil }
                return String(tag[start.upperBound...].prefix { $0 != "\"" })
            }
            guard attribute("stroke") == "#000000", let d = attribute("d"), let width = attribute("stroke-width").flatMap(Double.init) else { return nil }
            return (d, width)
        }
        guard let widest = strokes.map(\.width).max() else { return [] }
        return strokes.filter { $0.width == widest }.map(\.d)
    }

    @Test("each rival path is, point by point as drawn, and in its final cost, a separate --descent run of its optimizer from the same --start")
    func rivalsAreSeparateRuns() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        let window = ["--x", "w1", "--y", "b1", "--x-range", "-6:4", "--y-range", "-3:6", "--descent", "80", "--start", "1,-1"]
        let rivals = try netfig(arguments: ["surface", spec, "-o", "r.svg", "--compare", "gd,momentum@0.2,adam@0.05"] + window, in: directory)
        #expect(rivals.status == 0, "\(rivals.stderr)")
        let together = try Self.finalCosts(directory.appendingPathComponent("r.svg"))
        let drawn = try Self.drawnPaths(directory.appendingPathComponent("r.svg"))
        #expect(drawn.count == 3 && Set(drawn).count == 3, "\(drawn.count) paths")
        var alone: [String] = []
        for (index, (optimizer, rate)) in [("gd", "0.5"), ("momentum", "0.2"), ("adam", "0.05")].enumerated() {
            let run = try netfig(arguments: ["surface", spec, "-o", "\(optimizer).svg", "--optimizer", optimizer, "--rate", rate] + window,
                                 in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            alone += try Self.finalCosts(directory.appendingPathComponent("\(optimizer).svg"))
            // The same window and plot, so the same points land on the same coordinates: the
            // start and 80 steps (less those within half a pixel of the last drawn) to the SVG's
            // thousandth of a pixel.
            let own = try Self.drawnPaths(directory.appendingPathComponent("\(optimizer).svg"))
            #expect(own.count == 1)
            #expect(own.first.map { $0.components(separatedBy: "L").count } ?? 0 > 70, "the start and 80 steps")
            #expect(drawn.count == 3 && own.first == drawn[index], "\(optimizer)")
        }
        #expect(together.count == 3)
        #expect(together == alone)
        // The three optimizers do not all end alike: the comparison is not of one path thrice.
        #expect(Set(together).count == 3)
        #expect(TitleTests.texts(try String(contentsOf: directory.appendingPathComponent("r.svg"), encoding: .utf8))
            .contains { $0.hasPrefix("momentum, rate 0.2: C = ") })
    }

    @Test("surface --gradient-field draws the arrows and says what they are (their values: GradientFieldTests)")
    func field() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        let run = try netfig("surface", spec, "--x", "w1", "--y", "b1", "--x-range", "-4:4", "--y-range", "-4:4",
                             "--gradient-field", "-o", "f.svg", in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: directory.appendingPathComponent("f.svg"), encoding: .utf8)
        #expect(svg.contains("arrows: −∇C"))
    }

    @Test("bad --compare, --start and their partners exit 2 with one line")
    func refusals() throws {
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        for (arguments, says) in [(["--compare", "gd,adam"], "--compare needs --descent"),
                                  (["--compare", "gd", "--descent", "5"], "expected 2 to 5 paths"),
                                  (["--compare", "gd,sgd", "--descent", "5"], "'sgd' is not an optimizer"),
                                  (["--compare", "gd,gd", "--descent", "5"], "named twice"),
                                  (["--compare", "gd@0,adam", "--descent", "5"], "no usable rate"),
                                  (["--compare", "gd,adam", "--descent", "5", "--optimizer", "adam"], "expected one"),
                                  (["--start", "1", "--descent", "5"], "two finite numbers"),
                                  (["--start", "1,2"], "--start goes with --descent"),
                                  (["--azimuth", "30"], "go with --view 3d"),
                                  (["--view", "3d", "--elevation", "90"], "expected 5 to 85"),
                                  (["--view", "3d", "--gradient-field"], "--gradient-field draws on the map"),
                                  (["--view", "side"], "--view")] {
            let run = try netfig(arguments: ["surface", spec, "-o", "/tmp/never.png"] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains(says), "\(arguments): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.png"))
    }
}
