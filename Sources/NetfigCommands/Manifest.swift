import Drawing
import Figures
import Foundation
import NetfigSpec
import NetworkEngine

/// `manifest.json` of an animation: netfig's version, the spec's hash, the options, and per
/// frame the file, the step, the cost and the tracked parameters, and for each frame written
/// its size and FNV-1a 64 checksum. Deterministic, so every shard writes the same bytes once
/// all frames are there; `run` fingerprints everything but the checksums, so `--resume` can
/// tell whether frames belong to this run, and the checksums whether a kept frame is whole.
struct Manifest: Sendable {
    /// What the manifest says of a written frame.
    struct Record: Equatable, Sendable {
        let bytes: Int
        let checksum: String

        init(bytes: Int, checksum: String) {
            self.bytes = bytes
            self.checksum = checksum
        }

        init(of contents: [UInt8]) {
            self.init(bytes: contents.count, checksum: Checksum.fnv1a64(contents))
        }
    }

    private let options: [(String, JSONValue)]
    private let frames: [(file: String, entries: [(String, JSONValue)])]
    /// FNV-1a 64 of the manifest without its checksums, in hex.
    let run: String

    init(plan: AnimationPlan, loaded: LoadedSpec, format: FrameFormat, theme: ThemeName, scale: Double) {
        let network = loaded.network
        let x = plan.settings.x.name(in: network), y = plan.settings.y.name(in: network)
        let options: JSONValue = .object([
            ("steps", .integer(plan.training.steps)),
            ("rate", .number(plan.training.rate)),
            ("optimizer", .string(plan.training.optimizer.rawValue)),
            ("frames", .integer(plan.settings.frames)),
            ("spacing", .string(plan.settings.spacing.rawValue)),
            ("size", .string("\(Int(plan.settings.width))x\(Int(plan.settings.height))")),
            ("scale", .number(scale)),
            ("context", .string(plan.settings.context.rawValue)),
            ("format", .string(format.rawValue)),
            ("resolution", .integer(plan.settings.resolution)),
            ("theme", .string(theme.rawValue)),
            ("title", .string(plan.settings.title.description)),
        ])
        self.options = [
            ("netfig", .string(Netfig.version)),
            ("spec", .string(Provenance.fileName(loaded.path))),
            ("specHash", .string(loaded.hash)),
            ("options", options),
            ("parameters", .array([.string(x), .string(y)])),
        ]
        frames = plan.frames.map { frame in
            let file = frame.fileName(extension: format.rawValue)
            return (file, [
                ("file", .string(file)),
                ("step", .integer(frame.step)),
                ("cost", .number(frame.cost)),
                ("parameters", .object([(x, .number(frame.x)), (y, .number(frame.y))])),
            ])
        }
        run = Checksum.fnv1a64(Array(Self.render(options: self.options, frames: frames, records: [:], run: nil).utf8))
    }

    /// The manifest's text, with the records of the frames written so far.
    func text(records: [String: Record]) -> String {
        Self.render(options: options, frames: frames, records: records, run: run)
    }

    private static func render(options: [(String, JSONValue)], frames: [(file: String, entries: [(String, JSONValue)])],
                               records: [String: Record], run: String?) -> String {
        let frameValues: [JSONValue] = frames.map { frame in
            guard let record = records[frame.file] else { return .object(frame.entries) }
            return .object(frame.entries + [("bytes", .integer(record.bytes)), ("fnv1a64", .string(record.checksum))])
        }
        let head = run.map { [("run", JSONValue.string($0))] } ?? []
        return JSONValue.object(options + head + [("frames", .array(frameValues))]).rendered() + "\n"
    }

    /// What a folder's earlier manifest says: its run and its records; nil when there is no
    /// readable manifest.
    static func previous(in folder: String) -> (run: String?, records: [String: Record])? {
        struct Saved: Decodable {
            struct Frame: Decodable {
                let file: String
                let bytes: Int?
                let fnv1a64: String?
            }
            let run: String?
            let frames: [Frame]
        }
        let path = (folder as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: path), let saved = try? JSONDecoder().decode(Saved.self, from: data) else {
            return nil
        }
        var records: [String: Record] = [:]
        for frame in saved.frames {
            if let bytes = frame.bytes, let checksum = frame.fnv1a64 { records[frame.file] = Record(bytes: bytes, checksum: checksum) }
        }
        return (saved.run, records)
    }
}

/// Checksums of written files.
enum Checksum {
    /// FNV-1a 64 in 16 hex digits: fast, and enough to tell a damaged frame from a whole one.
    static func fnv1a64(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension Manifest {
    /// The frame files a folder's `manifest.json` lists, in order, with the folder's path.
    ///
    /// - Throws: `FailureReport` (exit 1) when the manifest is missing or unreadable.
    static func frameFiles(in folder: String) throws -> [String] {
        struct Listing: Decodable {
            struct Frame: Decodable { let file: String }
            let frames: [Frame]
        }
        let path = (folder as NSString).appendingPathComponent("manifest.json")
        do {
            let listing = try JSONDecoder().decode(Listing.self, from: Data(try FileOutput.read(path)))
            return listing.frames.map { (folder as NSString).appendingPathComponent($0.file) }
        } catch {
            throw FailureReport.failure("cannot read the frames' list '\(path)'; expected an animation's manifest.json")
        }
    }
}
