import Drawing
import Foundation
import Synchronization

/// The records (size, checksum) of an animation's written frames, saved into its manifest at
/// the end and every few seconds during the run, so that a run killed midway keeps the
/// records `--resume` needs to trust its frames. Worker threads report to it.
final class FrameRecords: Sendable {
    private struct State {
        var records: [String: Manifest.Record]
        var lastSaved = Date()
    }

    private let manifest: Manifest
    private let path: String
    private let state: Mutex<State>

    init(manifest: Manifest, path: String, kept: [String: Manifest.Record]) {
        self.manifest = manifest
        self.path = path
        state = Mutex(State(records: kept))
    }

    /// Records a frame just written; saves the manifest when the last save is a while ago.
    func add(_ file: String, _ record: Manifest.Record) throws {
        try state.withLock { state in
            state.records[file] = record
            // A whole manifest per frame would make long runs quadratic; every 5 s is cheap.
            if Date().timeIntervalSince(state.lastSaved) >= 5 {
                try Cleanup.shared.write { try FileOutput.write(Array(manifest.text(records: state.records).utf8), to: path) }
                state.lastSaved = Date()
            }
        }
    }

    /// Saves the manifest with every record.
    func save() throws {
        try state.withLock { state in
            try Cleanup.shared.write { try FileOutput.write(Array(manifest.text(records: state.records).utf8), to: path) }
            state.lastSaved = Date()
        }
    }
}
