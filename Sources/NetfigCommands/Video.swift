import Foundation

/// Turns frames into a video with ffmpeg, when it is installed.
enum Video {
    static func make(_ path: String, from folder: String, frames: Int) throws {
        guard let ffmpeg = which("ffmpeg") else {
            throw FailureReport.failure("frames written to \(folder), but no video: ffmpeg is not installed (apt-get install ffmpeg)")
        }
        let pattern = (folder as NSString).appendingPathComponent("frame_%05d.png")
        let temporary = (path as NSString).deletingLastPathComponent.isEmpty ? ".netfig-video-\(getpid())" : (path as NSString).deletingLastPathComponent + "/.netfig-video-\(getpid())"
        let isGIF = path.lowercased().hasSuffix(".gif")
        var arguments = ["-hide_banner", "-loglevel", "error", "-y", "-framerate", "24", "-i", pattern]
        if isGIF {
            arguments += ["-filter_complex", "[0:v]fps=12,split[a][b];[a]palettegen[p];[b][p]paletteuse", "-f", "gif"]
        } else {
            // yuv420p needs even sides; the bit-exact flags keep reruns identical.
            arguments += ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-pix_fmt", "yuv420p", "-c:v", "libx264",
                          "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1", "-f", "mp4"]
        }
        arguments.append(temporary)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw FailureReport.failure("ffmpeg could not make \(path): \(message.split(separator: "\n").first ?? "exit \(process.terminationStatus)")")
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw FailureReport.failure("cannot write '\(path)'")
        }
    }

    static func which(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
