import Foundation
import Testing

/// Issue 19's measure of a slide-ready figure: in the default context every word of two or
/// more characters is at least 14 pt when the figure is shown 960 pt wide (sub- and
/// superscripts 70 % of that), no two words overlap and nothing falls off the page. Every
/// figure of `Tests/Fixtures/legibility.txt` is written as PDF and read by
/// `tools/legibility.py` (poppler's `pdftotext -bbox`: each word's box), as a reader would.
struct LegibilityTests {
    @Test("every figure kind and animation frames, as PDF in the default context, pass the slide-legibility measure")
    func slideLegible() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/legibility.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        #expect(corpus.count >= 23)
        var files: [String] = []
        for line in corpus {
            let words = line.split(separator: " ").map(String.init)
            // A figure is one PDF; an animation a folder of PDF frames, each measured.
            let animates = words[1] == "animate"
            let target = folder.appendingPathComponent(animates ? words[0] : "\(words[0]).pdf").path
            let arguments = words.dropFirst().map {
                $0.replacingOccurrences(of: "{assets}", with: repositoryRoot.appendingPathComponent("assets").path)
            } + ["-o", target] + (animates ? ["--quiet"] : [])
            let run = try netfig(arguments: Array(arguments))
            try #require(run.status == 0, "netfig \(line): \(run.stderr)")
            if animates {
                let frames = try FileManager.default.contentsOfDirectory(atPath: target).filter { $0.hasPrefix("frame_") && $0.hasSuffix(".pdf") }
                try #require(!frames.isEmpty, "\(line): no frames")
                files += frames.sorted().map { (target as NSString).appendingPathComponent($0) }
            } else {
                files.append(target)
            }
        }
        let measured = try runTool("/usr/bin/env", ["python3", repositoryRoot.appendingPathComponent("tools/legibility.py").path] + files)
        let report = measured.stdout
        let failing = report.split(separator: "\n").filter { $0.hasPrefix("FAIL") }
        #expect(measured.status == 0 && failing.isEmpty, "\(failing.joined(separator: "\n")) \(measured.stderr)")
        // The measure read every figure (a report line each, and the summary).
        #expect(report.contains("legibility: \(files.count)/\(files.count) figures pass"), "\(report)")
    }
}
