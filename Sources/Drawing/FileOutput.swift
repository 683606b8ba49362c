import Foundation
import Synchronization

/// Writes files so that a failure never leaves a half-written one behind.
public enum FileOutput {
    /// Writes `bytes` to `path`: creates missing folders, writes a temporary file in the
    /// target folder, then renames it into place (atomic on one file system).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let folder = parentFolder(of: path)
        try makeFolders(folder, forFile: path)
        let name = path.split(separator: "/").last.map(String.init) ?? "output"
        let random = UInt32.random(in: 0...UInt32.max)
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid()).\(random).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let place = folder.isEmpty ? "the current folder" : "'\(folder)'"
            throw DrawingError.cannotWrite(path: path, reason: "cannot create a file in \(place): \(lastError())")
        }
        unfinished.withLock { _ = $0.insert(temporary) }
        defer { unfinished.withLock { _ = $0.remove(temporary) } }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = lastError()
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0 && failure == nil { failure = lastError() }
        if failure == nil && rename(temporary, path) != 0 { failure = "cannot move the finished file into place: " + lastError() }
        if let failure {
            unlink(temporary)
            throw DrawingError.cannotWrite(path: path, reason: failure)
        }
    }

    /// Temporary files being written now, so an interrupted run can remove them.
    private static let unfinished = Mutex<Set<String>>([])

    /// Removes the temporary files of writes still under way: for a signal handler (Ctrl-C)
    /// just before the process exits, so an interrupted run leaves only whole files.
    public static func removeUnfinished() {
        unfinished.withLock { paths in
            for path in paths { unlink(path) }
            paths.removeAll()
        }
    }

    /// Reads a whole file.
    public static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be read" : "no such file"
            throw DrawingError.cannotRead(path: path, reason: reason)
        }
        return [UInt8](data)
    }

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// `mkdir -p`, reporting which folder failed and why.
    private static func makeFolders(_ folder: String, forFile path: String) throws {
        guard !folder.isEmpty else { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw DrawingError.cannotWrite(path: path, reason: "'\(folder)' is not a folder")
        }
        try makeFolders(parentFolder(of: folder), forFile: path)
        if mkdir(folder, 0o777) != 0 && errno != EEXIST {
            throw DrawingError.cannotWrite(path: path, reason: "cannot create folder '\(folder)': \(lastError())")
        }
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
