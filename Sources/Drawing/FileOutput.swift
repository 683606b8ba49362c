import Foundation
import Synchronization

/// Writes files so that a failure never leaves a half-written one, or folders made for it,
/// behind.
public enum FileOutput {
    /// Writes `bytes` to `path`: creates missing folders, writes a temporary file in the
    /// target folder, then renames it into place (atomic on one file system). A file it
    /// replaces keeps its permissions (and, for root, its owner); a failure removes the
    /// temporary file and the folders this call made.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let folder = parentFolder(of: path)
        var made: [String] = []
        do {
            try makeFolders(folder, forFile: path, made: &made)
            try writeFile(bytes, to: path, in: folder)
        } catch {
            // Deepest first; rmdir leaves any folder something else has filled meanwhile.
            for created in made.reversed() { rmdir(created) }
            throw error
        }
    }

    private static func writeFile(_ bytes: [UInt8], to path: String, in folder: String) throws {
        removeStaleTemporaries(in: folder)
        let temporary = (folder.isEmpty ? "" : folder + "/") + temporaryName(for: path)
        // Registered and created under one lock, which an interruption takes to remove them:
        // no temporary file can appear after its cleanup.
        let descriptor: Int32? = unfinished.withLock { state in
            guard !state.closed else { return nil }
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 { state.paths.insert(temporary) }
            return descriptor
        }
        guard let descriptor else { throw DrawingError.cannotWrite(path: path, reason: "interrupted") }
        guard descriptor >= 0 else {
            let place = folder.isEmpty ? "the current folder" : "'\(folder)'"
            throw DrawingError.cannotWrite(path: path, reason: "cannot create a file in \(place): \(lastError())")
        }
        defer { unfinished.withLock { _ = $0.paths.remove(temporary) } }
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
        if failure == nil { keepOwnership(of: path, on: descriptor) }
        if close(descriptor) != 0 && failure == nil { failure = lastError() }
        if failure == nil && rename(temporary, path) != 0 { failure = "cannot move the finished file into place: " + lastError() }
        if let failure {
            unlink(temporary)
            throw DrawingError.cannotWrite(path: path, reason: failure)
        }
    }

    /// `.NAME.PID.RANDOM.tmp`, with NAME cut (at a character) so the whole stays within the
    /// 255 bytes a file name may have.
    static func temporaryName(for path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? "output"
        let suffix = ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let room = 255 - 1 - suffix.utf8.count
        var kept = ""
        for character in name {
            guard kept.utf8.count + character.utf8.count <= room else { break }
            kept.append(character)
        }
        return "." + kept + suffix
    }

    /// Removes, once per folder and process, the temporary files that writes of processes
    /// now gone left in `folder`: SIGKILL ends a process before any handler can clean up.
    /// Only names of `temporaryName`'s form whose process no longer exists are touched.
    private static func removeStaleTemporaries(in folder: String) {
        let place = folder.isEmpty ? "." : folder
        guard unfinished.withLock({ $0.swept.insert(place).inserted }),
              let names = try? FileManager.default.contentsOfDirectory(atPath: place) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let fields = name.dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
            guard fields.count >= 4, let pid = Int32(fields[fields.count - 2]), UInt32(fields[fields.count - 1]) != nil,
                  pid > 0, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(place + "/" + name)
        }
    }

    /// Gives the new file the permissions (and, where allowed, the owner) of the file it
    /// replaces, so replacing an output never widens or narrows who may read it.
    private static func keepOwnership(of path: String, on descriptor: Int32) {
        var existing = stat()
        guard stat(path, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFREG else { return }
        fchmod(descriptor, existing.st_mode & 0o7777)
        if existing.st_uid != getuid() || existing.st_gid != getgid() {
            // Only root may give a file away; anyone else keeps the file as their own.
            _ = fchown(descriptor, existing.st_uid, existing.st_gid)
        }
    }

    /// Temporary files being written now, so an interrupted run can remove them, and
    /// whether one has: after that, no write starts.
    private static let unfinished = Mutex<(paths: Set<String>, closed: Bool, swept: Set<String>)>(([], false, []))

    /// Removes the temporary files of writes still under way and lets no new one start: for
    /// a signal handler (Ctrl-C) just before the process exits, so an interrupted run
    /// leaves only whole files.
    public static func removeUnfinished() {
        unfinished.withLock { state in
            state.closed = true
            for path in state.paths { unlink(path) }
            state.paths.removeAll()
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

    /// `mkdir -p`, reporting which folder failed and why, and listing the folders it made
    /// (outermost first).
    private static func makeFolders(_ folder: String, forFile path: String, made: inout [String]) throws {
        guard !folder.isEmpty else { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw DrawingError.cannotWrite(path: path, reason: "'\(folder)' is not a folder")
        }
        try makeFolders(parentFolder(of: folder), forFile: path, made: &made)
        if mkdir(folder, 0o777) == 0 {
            made.append(folder)
        } else if errno != EEXIST {
            throw DrawingError.cannotWrite(path: path, reason: "cannot create folder '\(folder)': \(lastError())")
        }
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
