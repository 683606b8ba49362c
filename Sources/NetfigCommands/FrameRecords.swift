import Drawing
import Foundation
import Synchronization

/// The records (size, checksum) of an animation's written frames, saved into its manifest at
/// the end and every few seconds during the run, so that a run killed midway keeps the
/// records `--resume` needs to trust its frames; and, once they are made, the multi-page
/// PDF's record and the video. Worker threads report to it.
final class FrameRecords: Sendable {
    private struct State {
        var written: Manifest.Written
        var lastSaved = Date()
    }

    private let manifest: Manifest
    private let path: String
    private let state: Mutex<State>

    /// - Parameter kept: what earlier runs of the same options wrote and this one keeps.
    init(manifest: Manifest, path: String, kept: Manifest.Written) {
        self.manifest = manifest
        self.path = path
        state = Mutex(State(written: kept))
    }

    /// Records a frame just written; saves the manifest when the last save is a while ago.
    func add(_ file: String, _ record: Manifest.Record) throws {
        try state.withLock { state in
            state.written.frames[file] = record
            // A whole manifest per frame would make long runs quadratic; every 5 s is cheap.
            if Date().timeIntervalSince(state.lastSaved) >= 5 {
                try Cleanup.shared.write { try FileOutput.write(Array(manifest.text(state.written).utf8), to: path) }
                state.lastSaved = Date()
            }
        }
    }

    /// Records the multi-page PDF just written.
    func setDocument(_ record: Manifest.Record) {
        state.withLock { $0.written.document = record }
    }

    /// Records the video just made.
    func setVideo(_ video: Manifest.VideoEntry) {
        state.withLock { $0.written.video = video }
    }

    /// Saves the manifest with every record.
    func save() throws {
        try state.withLock { state in
            try Cleanup.shared.write { try FileOutput.write(Array(manifest.text(state.written).utf8), to: path) }
            state.lastSaved = Date()
        }
    }
}
