import Drawing
import Foundation
import Testing
@testable import NetfigCommands

/// What the animation tests read of a manifest: its frames, and what was made of them.
struct AnimationManifest: Decodable {
    struct Frame: Decodable { let file: String }
    struct Document: Decodable {
        let file: String
        let pages: Int
        let bytes: Int
        let fnv1a64: String
    }
    struct Video: Decodable {
        let file: String
        let fps: Int
        let hold: Double
        let seconds: Double
    }
    let frames: [Frame]
    let document: Document?
    let video: Video?

    init(folder: URL) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
    }
}

/// A small, quick animation of the NOT neuron (320×180, 10 steps) with `extra` options; it
/// must succeed.
func animateNot(_ extra: [String], in directory: URL) throws -> Run {
    let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
    let small = ["--steps", "10", "--size", "320x180", "--resolution", "8", "--jobs", "1"]
    let run = try netfig(arguments: ["animate", spec] + small + extra, in: directory)
    #expect(run.status == 0, "\(run.stderr)")
    return run
}

/// What ffprobe reads of a video: the frames it decodes (`-count_frames`) and its length.
struct Probe {
    let frames: Int
    let seconds: Double

    init(_ video: URL) throws {
        let run = try runTool("/usr/bin/ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0",
                                                   "-show_entries", "stream=nb_read_frames:format=duration", "-of", "default=noprint_wrappers=1", video.path])
        try #require(run.status == 0, "ffprobe: \(run.stderr)")
        var values: [String: String] = [:]
        for line in run.stdout.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        frames = try #require(values["nb_read_frames"].flatMap { Int($0) }, "\(run.stdout)")
        seconds = try #require(values["duration"].flatMap { Double($0) }, "\(run.stdout)")
    }
}

/// The delay of every frame of a GIF, in hundredths of a second, read from its graphic
/// control extensions (one before each image).
func gifDelays(_ bytes: [UInt8]) -> [Int] {
    func tableSize(_ packed: UInt8) -> Int { packed & 0x80 == 0 ? 0 : 3 << (Int(packed & 0x07) + 1) }
    func skipSubBlocks(_ start: Int) -> Int {
        var offset = start
        while offset < bytes.count, bytes[offset] != 0 { offset += 1 + Int(bytes[offset]) }
        return offset + 1
    }
    var delays: [Int] = []
    var offset = 13 + tableSize(bytes[10])
    while offset < bytes.count, bytes[offset] != 0x3B {
        if bytes[offset] == 0x21 {
            if bytes[offset + 1] == 0xF9 { delays.append(Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8) }
            offset = skipSubBlocks(offset + 2)
        } else {
            offset = skipSubBlocks(offset + 10 + tableSize(bytes[offset + 9]) + 1)
        }
    }
    return delays
}

/// Videos made by the real ffmpeg (Debian's, which `make test` installs): every frame kept,
/// paced by --fps and --hold, from PNG, SVG and PDF frames.
struct VideoPacingTests {
    static let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path

    func manifest(_ folder: URL) throws -> AnimationManifest { try AnimationManifest(folder: folder) }

    func animate(_ extra: [String], in directory: URL) throws -> Run { try animateNot(extra, in: directory) }

    @Test("a GIF holds every frame of the manifest, each shown the same whole hundredths, the last longer by the hold",
          arguments: [(fps: 24, hold: 1.0, delay: 4), (fps: 10, hold: 0, delay: 10), (fps: 60, hold: 2.5, delay: 2), (fps: 1, hold: 0.5, delay: 100)])
    func gif(fps: Int, hold: Double, delay: Int) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try animate(["-o", "v", "--frames", "9", "--video", "v.gif", "--fps", "\(fps)", "--hold", "\(hold)"], in: directory)
        let video = directory.appendingPathComponent("v.gif")
        let listed = try manifest(directory.appendingPathComponent("v"))
        #expect(listed.frames.count == 9)
        #expect(try Probe(video).frames == listed.frames.count)
        let final = delay + Int((hold * 100).rounded())
        #expect(gifDelays(try FileOutput.read(video.path)) == Array(repeating: delay, count: 8) + [final])
        let seconds = Double(8 * delay + final) / 100
        #expect(listed.video?.seconds == seconds)
        #expect(listed.video?.fps == fps && listed.video?.hold == hold && listed.video?.file == "v.gif")
        #expect(abs(try Probe(video).seconds - seconds) < 0.011)
    }

    @Test("the 30 frames of the issue's example all reach the GIF (resampled to 12 a second, it kept 15)")
    func issueExample() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try netfig(arguments: ["animate", Self.spec, "-o", "v", "--frames", "30", "--steps", "60", "--size", "320x180",
                                         "--resolution", "8", "--video", "not.gif"], in: directory)
        try #require(run.status == 0, "\(run.stderr)")
        #expect(try manifest(directory.appendingPathComponent("v")).frames.count == 30)
        #expect(try Probe(directory.appendingPathComponent("not.gif")).frames == 30)
    }

    @Test("an MP4 lasts frames / fps + hold, the hold a whole number of repeated last frames",
          arguments: [(fps: 24, hold: 1.0), (fps: 5, hold: 0), (fps: 12, hold: 0.3), (fps: 60, hold: 2)])
    func mp4(fps: Int, hold: Double) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try animate(["-o", "v", "--frames", "6", "--video", "v.mp4", "--fps", "\(fps)", "--hold", "\(hold)"], in: directory)
        let probe = try Probe(directory.appendingPathComponent("v.mp4"))
        let held = Int((hold * Double(fps)).rounded())
        #expect(probe.frames == 6 + held)
        #expect(abs(probe.seconds - (6 + Double(held)) / Double(fps)) < 0.01, "\(probe.seconds) s")
        #expect(abs(probe.seconds - (6 / Double(fps) + hold)) <= 0.5 / Double(fps) + 0.01)
        #expect(try manifest(directory.appendingPathComponent("v")).video?.seconds == (6 + Double(held)) / Double(fps))
    }

    @Test("--resume with another --fps and --hold keeps every frame and makes the video again at the new pace")
    func resumeKeepsFrames() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try animate(["-o", "v", "--frames", "4", "--video", "v.mp4"], in: directory)
        let frame = directory.appendingPathComponent("v/frame_00001.png")
        let before = try FileManager.default.attributesOfItem(atPath: frame.path)[.systemFileNumber] as? NSNumber
        let run = try animate(["-o", "v", "--frames", "4", "--video", "v.mp4", "--resume", "--fps", "2", "--hold", "0"], in: directory)
        #expect(!run.stderr.contains("rendering every frame"), "\(run.stderr)")
        let after = try FileManager.default.attributesOfItem(atPath: frame.path)[.systemFileNumber] as? NSNumber
        #expect(before != nil && before == after, "the frame was kept, not written again")
        #expect(abs(try Probe(directory.appendingPathComponent("v.mp4")).seconds - 2) < 0.01)
        #expect(try manifest(directory.appendingPathComponent("v")).video?.fps == 2)
    }

    /// The frames of a video, as ffmpeg decodes them (every frame, none repeated).
    func decodedFrames(_ video: URL, into folder: URL) throws -> [RGBAImage] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let run = try runTool("/usr/bin/ffmpeg", ["-v", "error", "-i", video.path, "-fps_mode", "passthrough",
                                                  folder.appendingPathComponent("%03d.png").path])
        try #require(run.status == 0, "ffmpeg: \(run.stderr)")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            try RGBAImage(contentsOfPNG: folder.appendingPathComponent($0).path)
        }
    }

    /// The mean difference of two pictures' RGB channels, 0 to 255.
    func meanDifference(_ a: RGBAImage, _ b: RGBAImage) -> Double {
        var total = 0, count = 0
        for i in stride(from: 0, to: min(a.pixels.count, b.pixels.count), by: 4) {
            for channel in 0..<3 { total += abs(Int(a.pixels[i + channel]) - Int(b.pixels[i + channel])) }
            count += 3
        }
        return Double(total) / Double(max(count, 1))
    }

    @Test("SVG and PDF frames make a video: every frame is there and shows the PNG frame of the same step", arguments: ["svg", "pdf"])
    func vectorFrames(format: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try animate(["-o", "png", "--frames", "4"], in: directory)
        _ = try animate(["-o", format, "--frames", "4", "--format", format, "--video", "v.gif", "--hold", "0"], in: directory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(format).path).sorted()
                == (1...4).map { "frame_0000\($0).\(format)" } + (format == "pdf" ? ["frames.pdf"] : []) + ["manifest.json"])
        let decoded = try decodedFrames(directory.appendingPathComponent("v.gif"), into: directory.appendingPathComponent("decoded"))
        try #require(decoded.count == 4)
        let frames = try (1...4).map { try RGBAImage(contentsOfPNG: directory.appendingPathComponent("png/frame_0000\($0).png").path) }
        for (index, image) in decoded.enumerated() {
            #expect(image.width == 320 && image.height == 180)
            // The GIF's 256 colours and dithering differ from the PNG by about 0.2 of 255 on average.
            #expect(meanDifference(image, frames[index]) < 1, "frame \(index + 1)")
        }
        #expect(meanDifference(decoded[0], frames[3]) > 1, "the first and last frames differ, so the measure can fail")
        let scratch = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".netfig-video") }
        #expect(scratch.isEmpty, "left behind: \(scratch)")
    }

    @Test("bad --fps and --hold, or either without --video: exit 2, one line naming the option and what is expected", arguments: [
        (["--video", "v.mp4", "--fps", "0"], "netfig: --fps 0: expected whole frames a second, 1 to 60 (see 'netfig animate --help')\n"),
        (["--video", "v.gif", "--fps", "61"], "netfig: --fps 61: expected whole frames a second, 1 to 60 (see 'netfig animate --help')\n"),
        (["--video", "v.mp4", "--hold", "-1"], "netfig: --hold -1: expected seconds, 0 to 60, e.g. --hold 2.5 (see 'netfig animate --help')\n"),
        (["--video", "v.mp4", "--hold", "61"], "netfig: --hold 61: expected seconds, 0 to 60, e.g. --hold 2.5 (see 'netfig animate --help')\n"),
        (["--video", "v.mp4", "--hold", "nan"], "netfig: --hold nan: expected seconds, 0 to 60, e.g. --hold 2.5 (see 'netfig animate --help')\n"),
        (["--fps", "12"], "netfig: --fps paces a video: add --video FILE.mp4 or --video FILE.gif (see 'netfig animate --help')\n"),
        (["--hold", "2"], "netfig: --hold paces a video: add --video FILE.mp4 or --video FILE.gif (see 'netfig animate --help')\n"),
    ])
    func badPacing(arguments: [String], message: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try netfig(arguments: ["animate", Self.spec, "-o", "v"] + arguments, in: directory)
        #expect(run.status == 2)
        #expect(run.stderr == message)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
