import Foundation
import Testing
@testable import NetfigCommands

/// A folder holding fake `ffmpeg` and `ffprobe` scripts that behave as the real ones do in a
/// failure, put first on PATH, so the tests need no ffmpeg installed.
struct FakeFFmpeg {
    let folder: URL

    /// `body` is shell; `$out` is the output file, `$list` the concat list ffmpeg was given.
    init(_ body: String, in directory: URL) throws {
        folder = directory.appendingPathComponent("fake-bin")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = """
            #!/bin/sh
            for out; do :; done
            list=""; previous=""
            for argument; do [ "$previous" = "-i" ] && list="$argument"; previous="$argument"; done
            \(body)
            """
        try write(script, to: "ffmpeg")
        // A real ffprobe would judge the fake's tiny files; this one accepts whatever the structure check passed.
        try write("#!/bin/sh\nexit 0\n", to: "ffprobe")
    }

    private func write(_ text: String, to name: String) throws {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }

    var environment: [String: String] { ["PATH": folder.path + ":/usr/bin:/bin"] }

    /// ftyp and moov: the smallest file the structure check takes for a whole MP4.
    static let wholeMP4 = #"printf '\000\000\000\020ftypisom\000\000\000\000\000\000\000\010moov' > "$out""#
    /// ftyp, then an mdat box announcing more bytes than follow: what a full disk leaves.
    static let cutMP4 = #"printf '\000\000\000\020ftypisom\000\000\000\000\000\000\100\000mdat1234' > "$out""#
}

struct VideoTests {
    static let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
    static let small = ["--steps", "10", "--size", "320x180", "--resolution", "8", "--jobs", "1"]

    func animate(_ extra: [String], in directory: URL, fake: FakeFFmpeg) throws -> Run {
        try netfig(arguments: ["animate", Self.spec] + Self.small + extra, in: directory, environment: fake.environment)
    }

    func leftovers(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".netfig-video") }
    }

    @Test("ffmpeg exiting 0 after 'Error writing trailer' is a failure: exit 1, one line, no file")
    func trailerError() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fake = try FakeFFmpeg(FakeFFmpeg.cutMP4 + "\necho '[mp4 @ 0x5581] Error writing trailer of v.mp4: No space left on device' >&2\nexit 0", in: directory)
        let run = try animate(["-o", "frames", "--frames", "3", "--video", "v.mp4"], in: directory, fake: fake)
        #expect(run.status == 1)
        #expect(run.stderr == "netfig: ffmpeg could not make v.mp4: [mp4 @ 0x5581] Error writing trailer of v.mp4: No space left on device\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("v.mp4").path))
        #expect(try leftovers(directory).isEmpty)
    }

    @Test("a silent ffmpeg leaving a cut MP4 or a GIF without its trailer: exit 1, no file", arguments: [
        ("v.mp4", FakeFFmpeg.cutMP4),
        ("v.mp4", #"printf '\000\000\000\020ftypisom\000\000\000\000' > "$out""#),
        ("v.gif", #"printf 'GIF89a\001\000\001\000\000\000\000\054\000\000\000\000\001\000\001\000\000\002\002D\001\000' > "$out""#),
    ])
    func cutVideo(name: String, body: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fake = try FakeFFmpeg(body + "\nexit 0", in: directory)
        let run = try animate(["-o", "frames", "--frames", "2", "--video", name], in: directory, fake: fake)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("netfig: ffmpeg could not make \(name): the "), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path))
        #expect(try leftovers(directory).isEmpty)
    }

    @Test("a whole video is kept, exit 0; its frames are exactly the manifest's, even after a longer run into a folder named with %")
    func manifestFrames() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let record = directory.appendingPathComponent("list.txt")
        let fake = try FakeFFmpeg("cp \"$list\" '\(record.path)'\n" + FakeFFmpeg.wholeMP4 + "\nexit 0", in: directory)
        #expect(try animate(["-o", "v%05d it's", "--frames", "6"], in: directory, fake: fake).status == 0)
        let run = try animate(["-o", "v%05d it's", "--frames", "3", "--video", "v.mp4"], in: directory, fake: fake)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("v.mp4").path))
        let folder = directory.appendingPathComponent("v%05d it's").path
        let files = try String(contentsOf: record, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("file ") }
        let quoted = folder.replacingOccurrences(of: "'", with: "'\\''")
        #expect(files == (1...3).map { "file '\(quoted)/frame_0000\($0).png'" })
        #expect(FileManager.default.fileExists(atPath: folder + "/frame_00006.png"), "the stale frame is still there, and left out")
        #expect(try leftovers(directory).isEmpty)
    }

    @Test("what a video run killed by SIGKILL left beside the video (temporary files, folders) goes with the next video there; a live run's stays")
    func staleScratch() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let stale = [".netfig-video-\(dead.processIdentifier).tmp", ".netfig-video-\(dead.processIdentifier).list"]
        for name in stale { #expect(FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: Data("x".utf8))) }
        let copies = directory.appendingPathComponent(".netfig-video-\(dead.processIdentifier).frames")
        try FileManager.default.createDirectory(at: copies, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: copies.appendingPathComponent("frame_00001.png").path, contents: Data("x".utf8)))
        let live = ".netfig-video-\(getpid() == 1 ? 2 : 1).tmp"   // pid 1 is always alive
        #expect(FileManager.default.createFile(atPath: directory.appendingPathComponent(live).path, contents: Data("busy".utf8)))
        let fake = try FakeFFmpeg(FakeFFmpeg.wholeMP4 + "\nexit 0", in: directory)
        let run = try animate(["-o", "frames", "--frames", "2", "--video", "v.mp4"], in: directory, fake: fake)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try leftovers(directory) == [live])
    }

    @Test("a video path that is a folder: exit 1 naming it, before any training")
    func folderTarget() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("v.mp4"), withIntermediateDirectories: true)
        let fake = try FakeFFmpeg(FakeFFmpeg.wholeMP4, in: directory)
        let run = try animate(["-o", "frames", "--frames", "2", "--video", "v.mp4"], in: directory, fake: fake)
        #expect(run.status == 1)
        #expect(run.stderr == "netfig: cannot write 'v.mp4': it is a folder; expected a file name ending in .mp4 or .gif\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("frames").path))
    }

    @Test("SIGTERM during --video ends ffmpeg and removes the temporary video and list, and the PNG copies of SVG frames",
          arguments: [(format: "png", scratch: 2), (format: "svg", scratch: 3)])
    func terminated(format: String, scratch: Int) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidFile = directory.appendingPathComponent("ffmpeg.pid")
        // Writes part of the video, says it is running, then waits to be ended.
        let fake = try FakeFFmpeg(FakeFFmpeg.cutMP4 + "\necho $$ > '\(pidFile.path).part'\nmv '\(pidFile.path).part' '\(pidFile.path)'\nexec sleep 60", in: directory)
        let process = Process()
        process.executableURL = netfigBinary
        process.arguments = ["animate", Self.spec] + Self.small + ["-o", "frames", "--frames", "2", "--video", "v.mp4", "--format", format]
        process.environment = ProcessInfo.processInfo.environment.merging(fake.environment) { $1 }
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        var pid: pid_t?
        for _ in 0..<6000 where pid == nil {
            pid = (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if pid == nil { usleep(10_000) }
        }
        guard let pid else { Issue.record("the fake ffmpeg never started"); process.terminate(); return }
        #expect(try leftovers(directory).count == scratch, "the temporary video and list (and folder of copies) exist while ffmpeg runs")
        process.terminate()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGTERM)
        #expect(message == "netfig: interrupted; every file written so far is whole (animate --resume finishes the frames)\n")
        #expect(try leftovers(directory).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("v.mp4").path))
        // The child was ended (it is gone, or a zombie awaiting its new parent's reaping).
        var state = "running"
        for _ in 0..<1000 where state != "gone" && state != "Z" {
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            state = stat.flatMap { $0.split(separator: ")").last?.split(separator: " ").first.map(String.init) } ?? "gone"
            if state != "gone" && state != "Z" { usleep(10_000) }
        }
        #expect(state == "gone" || state == "Z", "ffmpeg still running: \(state)")
        if state != "gone" && state != "Z" { kill(pid, SIGKILL) }
    }
}

/// The structure checks on their own: a whole file passes, every cut of it fails.
struct VideoCheckTests {
    static let mp4: [UInt8] = [0, 0, 0, 16] + Array("ftypisom".utf8) + [0, 0, 0, 0] + [0, 0, 0, 12] + Array("mdat".utf8) + [1, 2, 3, 4]
        + [0, 0, 0, 8] + Array("moov".utf8)
    static let gif: [UInt8] = Array("GIF89a".utf8) + [1, 0, 1, 0, 0x80, 0, 0] + [0, 0, 0, 255, 255, 255]
        + [0x21, 0xF9, 4, 0, 0, 0, 0, 0] + [0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0] + [0x3B]

    @Test("a whole MP4 passes; every shorter prefix and a file without moov fail")
    func mp4() {
        #expect(VideoCheck.mp4Problem(Self.mp4) == nil)
        for length in 0..<Self.mp4.count {
            #expect(VideoCheck.mp4Problem(Array(Self.mp4.prefix(length))) != nil, "\(length) bytes")
        }
        #expect(VideoCheck.mp4Problem(Array(Self.mp4.prefix(28))) == "the MP4 has no moov box (the video's index): the file is incomplete")
    }

    @Test("a whole GIF passes; every shorter prefix and bytes after the trailer fail")
    func gif() {
        #expect(VideoCheck.gifProblem(Self.gif) == nil)
        for length in 0..<Self.gif.count {
            #expect(VideoCheck.gifProblem(Array(Self.gif.prefix(length))) != nil, "\(length) bytes")
        }
        #expect(VideoCheck.gifProblem(Self.gif + [0]) != nil)
    }

    @Test("ffmpeg's error lines are recognised; its progress is not")
    func errorLines() {
        #expect(VideoCheck.isErrorLine("[mp4 @ 0x1] Error writing trailer of x.mp4: No space left on device"))
        #expect(VideoCheck.isErrorLine("av_interleaved_write_frame(): No space left on device"))
        #expect(!VideoCheck.isErrorLine("frame=   10 fps=0.0 q=-1.0 Lsize=      32kB"))
    }

    @Test("the concat list quotes single quotes as ffmpeg's syntax wants and refuses line breaks")
    func concatList() throws {
        #expect(try Video.concatList(["/a/it's/frame_00001.png"]) == "ffconcat version 1.0\nfile '/a/it'\\''s/frame_00001.png'\n")
        #expect(throws: FailureReport.self) { try Video.concatList(["/a/b\nc.png"]) }
    }
}
