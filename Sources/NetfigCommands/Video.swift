import Drawing
import Foundation

/// Turns an animation's PNG frames into a video with ffmpeg (Debian's `ffmpeg`), when it is
/// installed. Written to a temporary file beside the target and renamed, like every output,
/// and only after the file has been checked: ffmpeg can exit 0 having written half a video.
///
/// ```swift
/// try Video.make("not.mp4", frames: ["anim/frame_00001.png", "anim/frame_00002.png"], folder: "anim",
///                timing: VideoTiming(fps: 12, hold: 2))
/// ```
enum Video {
    /// Makes a video of exactly the frames listed, in order, every one of them a frame of
    /// the video.
    ///
    /// The frames reach ffmpeg through its concat demuxer's list, never a pattern such as
    /// `frame_%05d.png`: a pattern also takes stale frames of an earlier, longer run, and a
    /// folder name holding `%` breaks it.
    ///
    /// - Parameters:
    ///   - path: `.mp4` (H.264) or `.gif` (its own palette, looping).
    ///   - frames: the frame files (PNG), in order.
    ///   - folder: where the frames are, for messages.
    ///   - timing: frames a second and the last frame's hold (see `VideoTiming`).
    /// - Throws: `FailureReport` (exit 1) when ffmpeg is missing, fails, or leaves a file
    ///   that is not a whole video; no file is left then.
    static func make(_ path: String, frames: [String], folder: String, timing: VideoTiming) throws {
        guard let ffmpeg = which("ffmpeg") else {
            throw FailureReport.failure("frames written to \(folder), but no video: ffmpeg is not installed (apt-get install ffmpeg)")
        }
        try checkTarget(path)
        try makeFolder(for: path)
        removeStaleScratch(besides: path)
        let prefix = scratchPrefix(for: path)
        let temporary = prefix + ".tmp", list = prefix + ".list"
        Cleanup.shared.add(temporary)
        Cleanup.shared.add(list)
        defer {
            unlink(list)
            Cleanup.shared.remove(list)
            Cleanup.shared.remove(temporary)
        }
        do {
            try Data(try concatList(frames).utf8).write(to: URL(fileURLWithPath: list))
        } catch let error as FailureReport {
            throw error
        } catch {
            throw FailureReport.failure("cannot write '\(path)': cannot write ffmpeg's list of frames '\(list)': \(error.localizedDescription)")
        }
        let gif = path.lowercased().hasSuffix(".gif")
        let run = try Helper.run(ffmpeg, arguments(list: list, output: temporary, gif: gif, timing: timing))
        let problem = failure(status: run.status, errors: run.errors, output: temporary, gif: gif)
        guard problem == nil, rename(temporary, path) == 0 else {
            let reason = problem ?? "cannot move the finished file into place: \(String(cString: strerror(errno)))"
            unlink(temporary)
            throw FailureReport.failure("ffmpeg could not make \(path): \(reason)")
        }
    }

    /// ffmpeg's arguments: the concat list as input, one listed image a frame.
    ///
    /// A GIF's input rate is the one its delays express exactly (100 / `gifDelay`), so no
    /// frame is dropped or doubled and every delay is the same; the last one carries the
    /// hold (`-final_delay`). An MP4 runs at `fps`, its last frame repeated for the hold
    /// (`tpad`).
    static func arguments(list: String, output: String, gif: Bool, timing: VideoTiming) -> [String] {
        // -safe 0: the list holds absolute paths; -r before -i: one frame per listed image.
        let rate = gif ? "100/\(timing.gifDelay)" : "\(timing.fps)"
        var arguments = ["-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                         "-f", "concat", "-safe", "0", "-r", rate, "-i", list]
        if gif {
            arguments += ["-filter_complex", "[0:v]split[a][b];[a]palettegen[p];[b][p]paletteuse",
                          "-final_delay", "\(timing.gifFinalDelay)", "-f", "gif"]
        } else {
            // yuv420p needs even sides; the bit-exact flags keep reruns identical.
            let hold = timing.holdFrames > 0 ? ",tpad=stop_mode=clone:stop=\(timing.holdFrames)" : ""
            arguments += ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2" + hold, "-pix_fmt", "yuv420p", "-c:v", "libx264",
                          "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1", "-f", "mp4"]
        }
        return arguments + [output]
    }

    /// Creates the folder a video goes in.
    static func makeFolder(for path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw FailureReport.failure("cannot write '\(path)': cannot create folder '\(directory)'")
        }
    }

    /// `.netfig-video-PID` beside the video: the start of the names of its temporary files
    /// (`.tmp`, ffmpeg's `.list`) and of the folder of PNG copies of SVG or PDF frames
    /// (`.frames`).
    static func scratchPrefix(for path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return (directory.isEmpty ? "" : directory + "/") + ".netfig-video-\(getpid())"
    }

    /// Removes what a video run killed by SIGKILL (which no handler sees) left beside
    /// `path`: `.netfig-video-PID…` files and folders of processes that no longer exist.
    static func removeStaleScratch(besides path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let place = directory.isEmpty ? "." : directory
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: place) else { return }
        for name in names where name.hasPrefix(".netfig-video-") {
            let digits = name.dropFirst(".netfig-video-".count).prefix { $0.isNumber }
            guard let pid = pid_t(digits), pid > 0, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: place + "/" + name)
        }
    }

    /// The concat demuxer's list: one `file '…'` line per frame, absolute paths, quoted for
    /// its syntax (inside single quotes, a quote is written `'\''`).
    ///
    /// - Throws: `FailureReport` for a path holding a line break, which the list cannot hold.
    static func concatList(_ frames: [String]) throws -> String {
        let current = FileManager.default.currentDirectoryPath
        var text = "ffconcat version 1.0\n"
        for frame in frames {
            let absolute = frame.hasPrefix("/") ? frame : (current as NSString).appendingPathComponent(frame)
            guard !absolute.contains(where: { $0.isNewline }) else {
                throw FailureReport.failure("cannot make a video of '\(frame)': ffmpeg cannot read a path holding a line break")
            }
            text += "file '" + absolute.replacingOccurrences(of: "'", with: "'\\''") + "'\n"
        }
        return text
    }

    /// Why the video is not whole, or nil when it is: ffmpeg's status, its error lines (it
    /// exits 0 after "Error writing trailer … No space left on device"), ffprobe's verdict
    /// when ffprobe is installed, and always a check of the file's own structure.
    static func failure(status: Int32, errors: String, output: String, gif: Bool) -> String? {
        let lines = errors.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if status != 0 { return lines.first ?? "ffmpeg failed with exit status \(status)" }
        if let line = lines.first(where: VideoCheck.isErrorLine) { return line }
        let bytes: [UInt8]
        do {
            bytes = try FileOutput.read(output)
        } catch {
            return "ffmpeg wrote no file"
        }
        if let problem = gif ? VideoCheck.gifProblem(bytes) : VideoCheck.mp4Problem(bytes) { return problem }
        if let ffprobe = which("ffprobe"), let run = try? Helper.run(ffprobe, ["-v", "error", "-i", output, "-show_format"]) {
            let complaint = run.errors.split(whereSeparator: \.isNewline).first.map(String.init)
            if run.status != 0 || complaint != nil { return "ffprobe finds the video damaged: \(complaint ?? "exit status \(run.status)")" }
        }
        return nil
    }

    /// Refuses a target that is a folder before any work, with a reason ffmpeg would not give.
    static func checkTarget(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw FailureReport.failure("cannot write '\(path)': it is a folder; expected a file name ending in .mp4 or .gif")
        }
    }

    /// The executable's path, found on PATH.
    static func which(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// A helper program (ffmpeg, ffprobe) run to its end, its stderr kept.
enum Helper {
    /// Runs `executable` with no input and its output discarded; a signal to netfig ends it.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw FailureReport.failure("cannot run \(executable): \(error.localizedDescription)")
        }
        Cleanup.shared.add(child: process.processIdentifier)
        defer { Cleanup.shared.remove(child: process.processIdentifier) }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        Cleanup.shared.holdIfStopping()
        return (process.terminationStatus, message)
    }
}
