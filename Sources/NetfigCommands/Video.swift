import Foundation

/// Turns an animation's PNG frames into a video with ffmpeg (Debian's `ffmpeg`), when it is
/// installed. Written to a temporary file beside the target and renamed, like every output.
enum Video {
    /// - Parameters:
    ///   - path: `.mp4` (H.264, 24 frames a second) or `.gif` (12 a second, own palette).
    ///   - folder: where `frame_00001.png` … are.
    static func make(_ path: String, from folder: String) throws {
        guard let ffmpeg = which("ffmpeg") else {
            throw FailureReport.failure("frames written to \(folder), but no video: ffmpeg is not installed (apt-get install ffmpeg)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".netfig-video-\(getpid()).tmp"
        var arguments = ["-hide_banner", "-loglevel", "error", "-y", "-framerate", "24",
                         "-i", (folder as NSString).appendingPathComponent("frame_%05d.png")]
        if path.lowercased().hasSuffix(".gif") {
            arguments += ["-filter_complex", "[0:v]fps=12,split[a][b];[a]palettegen[p];[b][p]paletteuse", "-f", "gif"]
        } else {
            // yuv420p needs even sides; the bit-exact flags keep reruns identical.
            arguments += ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-pix_fmt", "yuv420p", "-c:v", "libx264",
                          "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1", "-f", "mp4"]
        }
        arguments.append(temporary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            let reason = message.split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw FailureReport.failure("ffmpeg could not make \(path): \(reason)")
        }
    }

    /// The executable's path, found on PATH.
    static func which(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
