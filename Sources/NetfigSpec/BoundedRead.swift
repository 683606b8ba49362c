import Foundation

/// Reads a whole file, refusing one larger than a limit before holding it: parsing costs many
/// times a file's size in memory (YAML about 140 bytes per byte), so the size is checked
/// first, and a pipe or device that never ends is cut off at the limit.
///
/// ```swift
/// switch try BoundedRead.contents(of: "spec.yaml", limit: SpecFile.maxSpecBytes) {
/// case .contents(let data): …
/// case .tooLarge(let size): …   // size: the file's, or nil for a stream longer than the limit
/// }
/// ```
enum BoundedRead {
    enum Outcome {
        case contents(Data)
        case tooLarge(size: Int?)
    }

    /// - Throws: `CocoaError(.fileReadUnknown)` when the file cannot be opened or read.
    static func contents(of path: String, limit: Int) throws -> Outcome {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileReadUnknown) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw CocoaError(.fileReadUnknown) }
        if status.st_mode & S_IFMT == S_IFDIR { throw CocoaError(.fileReadUnknown) }
        if status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) > limit { return .tooLarge(size: Int(status.st_size)) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CocoaError(.fileReadUnknown)
            }
            if count == 0 { return .contents(data) }
            data.append(contentsOf: chunk[0..<count])
            if data.count > limit { return .tooLarge(size: nil) }
        }
    }

    /// "3145728 bytes" for a file's size, "more than 4194304 bytes" for a stream cut off.
    static func describe(_ size: Int?, limit: Int) -> String {
        size.map { "\($0) bytes" } ?? "more than \(limit) bytes"
    }
}
