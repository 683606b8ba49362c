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
        let stream = try Stream(to: path)
        stream.write(bytes)
        try stream.finish()
    }

    /// A file written piece by piece as work goes, with `write`'s guarantees: it appears,
    /// whole, only at `finish()`; until then the pieces go to a temporary file in the target
    /// folder, removed (with the folders made for it) on `abandon()`, on deinit, on a failure,
    /// or by `removeUnfinished()` (a signal).
    ///
    /// ```swift
    /// let csv = try FileOutput.Stream(to: "curve.csv")
    /// csv.write("step,cost\n")
    /// for (step, cost) in run { csv.write("\(step),\(cost)\n") }
    /// try csv.finish()   // the first write error, if any, is thrown here
    /// ```
    public final class Stream {
        public let path: String
        private let temporary: String
        private var descriptor: Int32
        /// Folders made for this file, outermost first: removed if it never appears.
        private let made: [String]
        private var buffer: [UInt8] = []
        private var failure: String?
        private var done = false
        /// Bytes gathered before one write(2): large enough that the system calls cost nothing.
        private static let chunk = 1 << 16

        /// Creates the missing folders and the temporary file.
        ///
        /// - Throws: `DrawingError.cannotWrite` when a folder or the file cannot be made.
        public init(to path: String) throws {
            self.path = path
            let folder = FileOutput.parentFolder(of: path)
            var made: [String] = []
            do {
                try FileOutput.makeFolders(folder, forFile: path, made: &made)
                FileOutput.removeStaleTemporaries(in: folder)
                (temporary, descriptor) = try FileOutput.createTemporary(for: path, in: folder)
            } catch {
                FileOutput.removeFolders(made)
                throw error
            }
            self.made = made
        }

        deinit { abandon() }

        /// Appends text; a failure is kept for `finish()`, and nothing more is written after it.
        public func write(_ text: String) {
            guard failure == nil, !done else { return }
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= Self.chunk { flush() }
        }

        /// Appends bytes (large ones straight to the file, not through the buffer).
        public func write(_ bytes: [UInt8]) {
            guard failure == nil, !done else { return }
            if bytes.count >= Self.chunk {
                flush()
                bytes.withUnsafeBytes { writeAll($0) }
            } else {
                buffer.append(contentsOf: bytes)
                if buffer.count >= Self.chunk { flush() }
            }
        }

        /// Writes what is left, closes the file and renames it into place.
        ///
        /// - Throws: `DrawingError.cannotWrite` with the first failure; then no file and no
        ///   folder made for it is left.
        public func finish() throws {
            guard !done else { return }
            flush()
            done = true
            if failure == nil { FileOutput.keepOwnership(of: path, on: descriptor) }
            if close(descriptor) != 0 && failure == nil { failure = FileOutput.lastError() }
            descriptor = -1
            if failure == nil && rename(temporary, path) != 0 { failure = "cannot move the finished file into place: " + FileOutput.lastError() }
            FileOutput.forget(temporary)
            if let failure {
                unlink(temporary)
                FileOutput.removeFolders(made)
                throw DrawingError.cannotWrite(path: path, reason: failure)
            }
        }

        /// Removes the temporary file (and the folders made for it): the work failed, so no
        /// file appears.
        public func abandon() {
            guard !done else { return }
            done = true
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
            unlink(temporary)
            FileOutput.forget(temporary)
            FileOutput.removeFolders(made)
        }

        private func flush() {
            guard failure == nil, !buffer.isEmpty else { return }
            buffer.withUnsafeBytes { writeAll($0) }
            buffer.removeAll(keepingCapacity: true)
        }

        private func writeAll(_ bytes: UnsafeRawBufferPointer) {
            var offset = 0
            while failure == nil, offset < bytes.count, let base = bytes.baseAddress {
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = FileOutput.lastError()
                    return
                }
                offset += written
            }
        }
    }

    /// Creates the temporary file for `path` in `folder`, registered and created under the
    /// lock an interruption takes to remove them: none can appear after its cleanup.
    private static func createTemporary(for path: String, in folder: String) throws -> (String, Int32) {
        let temporary = (folder.isEmpty ? "" : folder + "/") + temporaryName(for: path)
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
        return (temporary, descriptor)
    }

    private static func forget(_ temporary: String) {
        unfinished.withLock { _ = $0.paths.remove(temporary) }
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

    /// Temporary files being written now, so an interrupted run can remove them, whether one
    /// has (after that, no write starts), and the folders already swept of stale ones.
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

    /// Removes folders made for a file that never appeared, deepest first; rmdir leaves any
    /// that something else has filled meanwhile.
    private static func removeFolders(_ made: [String]) {
        for folder in made.reversed() { rmdir(folder) }
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
