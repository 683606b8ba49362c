import Foundation
import NetfigSpec

/// What figures carry about where they came from: netfig's version and the spec's hash.
/// No dates or paths, so the same spec gives the same bytes.
enum Provenance {
    static func metadata(_ loaded: LoadedSpec) -> [String: String] {
        ["Software": "netfig \(Netfig.version)", "Spec": fileName(loaded.path), "Spec-Hash": loaded.hash]
    }

    /// A spec's file name without its folder, for titles and messages: `heart.yaml`.
    static func fileName(_ path: String) -> String { (path as NSString).lastPathComponent }
}
