import Drawing
import Foundation
import Testing

/// `--format pdf`: PDF frames, and `frames.pdf`, every frame a page, for LaTeX's `animate`
/// package; with --shard and --resume.
struct FramesDocumentTests {
    func manifest(_ folder: URL) throws -> AnimationManifest { try AnimationManifest(folder: folder) }

    /// PDF frames (and so frames.pdf).
    func animate(_ extra: [String], in directory: URL) throws -> Run { try animateNot(["--format", "pdf"] + extra, in: directory) }

    /// pdfinfo's page count and every page's size ("320 x 180 pts").
    func pages(_ pdf: URL) throws -> (count: Int, sizes: [String]) {
        let run = try runTool("/usr/bin/pdfinfo", ["-f", "1", "-l", "100000", pdf.path])
        try #require(run.status == 0, "pdfinfo: \(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        let count = try #require(lines.first { $0.hasPrefix("Pages:") }.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) })
        let sizes = lines.filter { $0.hasPrefix("Page ") && $0.contains(" size:") }.map {
            String($0[$0.range(of: "size:")!.upperBound...]).trimmingCharacters(in: .whitespaces)
        }
        return (count, sizes)
    }

    func inode(_ url: URL) throws -> UInt64 {
        try (FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    @Test("PDF frames of the frame size, and frames.pdf: a page per frame, in order, each the frame's size and picture")
    func document() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try animate(["-o", "a", "--frames", "5"], in: directory)
        let folder = directory.appendingPathComponent("a")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == (1...5).map { "frame_0000\($0).pdf" } + ["frames.pdf", "manifest.json"])
        let document = folder.appendingPathComponent("frames.pdf")
        let info = try pages(document)
        #expect(info.count == 5)
        #expect(info.sizes == Array(repeating: "320 x 180 pts", count: 5))
        for n in 1...5 { #expect(try pages(folder.appendingPathComponent("frame_0000\(n).pdf")).sizes == ["320 x 180 pts"]) }
        // Page k shows frame k: poppler draws both the same.
        let drawnPages = try PixelHashTests.rasterized(pdf: document.path).map(PixelHashTests.hash)
        let drawnFrames = try (1...5).map { try PixelHashTests.rasterized(pdf: folder.appendingPathComponent("frame_0000\($0).pdf").path)[0] }
        #expect(drawnPages == drawnFrames.map(PixelHashTests.hash))
        #expect(Set(drawnPages).count == 5, "the frames differ, so a page out of order would show")
        let listed = try #require(try manifest(folder).document)
        let bytes = try FileOutput.read(document.path)
        #expect(listed.file == "frames.pdf" && listed.pages == 5 && listed.bytes == bytes.count)
        #expect(listed.fnv1a64.count == 16)
    }

    @Test("a shard leaves frames.pdf out; --resume without --shard then writes it, rendering no frame, byte for byte an unsharded run's")
    func shards() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try animate(["-o", "whole", "--frames", "5"], in: directory)
        for shard in ["1/2", "2/2"] { _ = try animate(["-o", "split", "--frames", "5", "--shard", shard], in: directory) }
        let split = directory.appendingPathComponent("split")
        #expect(!FileManager.default.fileExists(atPath: split.appendingPathComponent("frames.pdf").path))
        #expect(try manifest(split).document == nil)
        let frame = split.appendingPathComponent("frame_00002.pdf")
        let before = try inode(frame)
        _ = try animate(["-o", "split", "--frames", "5", "--resume"], in: directory)
        #expect(try inode(frame) == before, "the frames were kept")
        let whole = directory.appendingPathComponent("whole/frames.pdf")
        #expect(try FileOutput.read(split.appendingPathComponent("frames.pdf").path) == FileOutput.read(whole.path))
        #expect(try manifest(split).document?.bytes == FileOutput.read(whole.path).count)
    }

    @Test("--resume keeps whole PDF frames and frames.pdf, writes a damaged frames.pdf again, and a run of other options removes one it does not write")
    func resume() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try animate(["-o", "a", "--frames", "4"], in: directory)
        let folder = directory.appendingPathComponent("a")
        let document = folder.appendingPathComponent("frames.pdf"), frame = folder.appendingPathComponent("frame_00003.pdf")
        let original = try FileOutput.read(document.path)
        let inodes = (document: try inode(document), frame: try inode(frame))
        _ = try animate(["-o", "a", "--frames", "4", "--resume"], in: directory)
        #expect(try inode(document) == inodes.document && inode(frame) == inodes.frame, "both kept")
        var damaged = original
        damaged[damaged.count / 2] ^= 0xFF
        try Data(damaged).write(to: document)
        _ = try animate(["-o", "a", "--frames", "4", "--resume"], in: directory)
        #expect(try FileOutput.read(document.path) == original)
        #expect(try inode(frame) == inodes.frame)
        // Other options, and a shard: the frames change, frames.pdf cannot be written, so it goes.
        _ = try animate(["-o", "a", "--frames", "4", "--shard", "1/2", "--theme", "dark"], in: directory)
        #expect(!FileManager.default.fileExists(atPath: document.path))
        #expect(try manifest(folder).document == nil)
    }
}
