import Drawing
import Foundation
import Testing
@testable import NetfigCommands

/// Every PNG and every PDF page of `netfig demo` and of `Tests/Fixtures/pixels/corpus.txt`,
/// decoded and hashed, against the committed list: a change to how figures are built or
/// rendered that was meant to leave the pictures alone proves it here. A change meant to
/// alter pictures updates the list in the same commit (`make pixel-hashes`, after opening
/// every changed figure), so the list's diff names the figures it changed.
struct PixelHashTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/pixels")

    @Test("every figure of the demo and the pixel corpus decodes to the committed pixels")
    func pixels() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try String(contentsOf: Self.fixtures.appendingPathComponent("corpus.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let lines = Demo.items.map { $0.arguments.joined(separator: " ") } + corpus
        for line in lines {
            let arguments = line.split(separator: " ").map {
                $0.replacingOccurrences(of: "{assets}", with: repositoryRoot.appendingPathComponent("assets").path)
                    .replacingOccurrences(of: "{out}", with: folder.path)
            }
            let run = try netfig(arguments: arguments)
            try #require(run.status == 0, "netfig \(line): \(run.stderr)")
        }

        let actual = try Self.hashes(of: folder)
        let table = actual.map { "\($0.name)\t\($0.hash)" }.joined(separator: "\n") + "\n"
        // What `make pixel-hashes` copies over the committed list.
        try table.write(to: repositoryRoot.appendingPathComponent(".build/pixel-hashes.tsv"), atomically: true, encoding: .utf8)

        let committed = try String(contentsOf: Self.fixtures.appendingPathComponent("hashes.tsv"), encoding: .utf8)
        let expected = Dictionary(uniqueKeysWithValues: committed.split(separator: "\n").compactMap { line -> (String, String)? in
            let fields = line.split(separator: "\t")
            return fields.count == 2 ? (String(fields[0]), String(fields[1])) : nil
        })
        let names = Set(actual.map(\.name))
        for (name, hash) in actual {
            #expect(expected[name] == hash, "\(name): its pixels changed (or it is new); see PixelHashTests")
        }
        for name in expected.keys where !names.contains(name) {
            Issue.record("\(name) is in hashes.tsv but was not written")
        }
    }

    /// Every PNG under `folder` and every page of every PDF, by path relative to it, with
    /// the FNV-1a hash of its size and RGBA pixels.
    static func hashes(of folder: URL) throws -> [(name: String, hash: String)] {
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
        var result: [(name: String, hash: String)] = []
        for file in files {
            let path = folder.appendingPathComponent(file).path
            if file.hasSuffix(".png") {
                result.append((file, hash(try RGBAImage(contentsOfPNG: path))))
            } else if file.hasSuffix(".pdf") {
                for (page, image) in try rasterized(pdf: path).enumerated() {
                    result.append(("\(file)#\(page + 1)", hash(image)))
                }
            }
        }
        return result
    }

    /// The pages of a PDF as poppler draws them at 72 dpi (one pixel per point).
    static func rasterized(pdf path: String) throws -> [RGBAImage] {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftoppm")
        process.arguments = ["-r", "72", "-png", path, folder.appendingPathComponent("page").path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "pdftoppm failed on \(path)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        try #require(!pages.isEmpty, "pdftoppm drew no page of \(path)")
        return try pages.map { try RGBAImage(contentsOfPNG: folder.appendingPathComponent($0).path) }
    }

    /// 64-bit FNV-1a over the width, the height and the RGBA bytes.
    static func hash(_ image: RGBAImage) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        for value in [image.width, image.height] {
            for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        image.pixels.withUnsafeBufferPointer { for byte in $0 { mix(byte) } }
        return String(h, radix: 16)
    }
}
