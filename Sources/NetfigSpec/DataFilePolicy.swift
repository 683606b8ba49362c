import Foundation

/// Which files a spec's `data.file` may name: those inside the spec's own folder or inside
/// the folder netfig runs in (where the user chose to work), symbolic links followed. A spec
/// written elsewhere cannot reach past them with `../..`, an absolute path or a link.
///
/// ```swift
/// DataFilePolicy.allows(URL(fileURLWithPath: "/etc/passwd"), specFolder: folder)   // false
/// ```
enum DataFilePolicy {
    static func allows(_ file: URL, specFolder: URL) -> Bool {
        let roots = [specFolder, URL(fileURLWithPath: FileManager.default.currentDirectoryPath)].map(lexicalPath)
        func inside(_ target: String) -> Bool {
            roots.contains { root in target.hasPrefix(root.hasSuffix("/") ? root : root + "/") }
        }
        // Both readings of `a/link/../b` must stay inside, whichever a reader uses: the
        // system's (the link, then its target's parent) and the lexical one (`a/b`).
        return inside(lexicalPath(file)) && (systemPath(file).map(inside) ?? true)
    }

    /// realpath(3): the absolute path with links followed; nil where nothing is there.
    static func real(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Where the system's reading of the path leads, as open(2) reads it (a link followed
    /// before the `..` after it); nil where nothing is there.
    static func systemPath(_ url: URL) -> String? { real(url.path) }

    /// The path with `.` and `..` dropped first, then the links of its longest existing part
    /// followed (a file not there yet is judged by where its folder leads).
    static func lexicalPath(_ url: URL) -> String {
        let standard = url.standardizedFileURL.path
        var existing = standard, rest: [String] = []
        while existing.count > 1, real(existing) == nil {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        let base = real(existing) ?? existing
        return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.joined(separator: "/")
    }
}
