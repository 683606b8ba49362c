import Drawing
import Figures
import Foundation
import NetfigSpec
import NetworkEngine

/// `manifest.json` of an animation: netfig's version, the spec's hash, the options, and per
/// frame the file, the step, the cost (and the test cost, with test examples) and the
/// tracked parameters, and for each frame written
/// its size and FNV-1a 64 checksum; then what was made of the frames: the multi-page PDF
/// (`document`, with its pages, size and checksum) and the video (`video`: its file, frames a
/// second, hold and length). Deterministic, so every shard writes the same bytes once all
/// frames are there; `run` fingerprints the frames' options and steps, not the checksums nor
/// the video's pacing (which change no frame), so `--resume` can tell whether frames belong to
/// this run, and the checksums whether a kept frame is whole.
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

    /// The video made of the frames, as the manifest lists it.
    struct VideoEntry: Equatable, Sendable {
        /// The path as given to `--video`.
        let file: String
        let timing: VideoTiming
        /// How long it plays, once.
        let seconds: Double
    }

    /// What a run has written so far: each frame's record, the multi-page PDF's, the video.
    struct Written: Sendable {
        var frames: [String: Record]
        var document: Record?
        var video: VideoEntry?

        init(frames: [String: Record] = [:], document: Record? = nil, video: VideoEntry? = nil) {
            self.frames = frames
            self.document = document
            self.video = video
        }
    }

    /// The multi-page PDF of a `--format pdf` run, in the frames' folder.
    static let documentName = "frames.pdf"

    private let options: [(String, JSONValue)]
    private let frames: [(file: String, entries: [(String, JSONValue)])]
    /// FNV-1a 64 of the manifest without its checksums, in hex.
    let run: String

    init(plan: AnimationPlan, loaded: LoadedSpec, format: FrameFormat, theme: ThemeName, scale: Double) {
        let network = loaded.network
        let x = plan.settings.x.name(in: network), y = plan.settings.y.name(in: network)
        // Options added since the first manifests are written only when used, so a run
        // without them keeps its fingerprint (and --resume its frames) across versions.
        var added: [(String, JSONValue)] = plan.settings.neuronFunctions ? [("neurons", .string("functions"))] : []
        if let angles = plan.settings.surface3D {
            added += [("view", .string("3d")), ("azimuth", .number(angles.azimuth)), ("elevation", .number(angles.elevation))]
        }
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
        ] + added)
        self.options = [
            ("netfig", .string(Netfig.version)),
            ("spec", .string(Provenance.fileName(loaded.path))),
            ("specHash", .string(loaded.hash)),
            ("options", options),
            ("parameters", .array([.string(x), .string(y)])),
        ]
        frames = plan.frames.map { frame in
            let file = frame.fileName(extension: format.rawValue)
            // The test examples' cost only where there are some, so other manifests keep their bytes.
            let test: [(String, JSONValue)] = frame.testCost.map { [("testCost", .number($0))] } ?? []
            return (file, [
                ("file", .string(file)),
                ("step", .integer(frame.step)),
                ("cost", .number(frame.cost)),
            ] + test + [
                ("parameters", .object([(x, .number(frame.x)), (y, .number(frame.y))])),
            ])
        }
        run = Checksum.fnv1a64(Array(Self.render(options: self.options, frames: frames, written: Written(), run: nil).utf8))
    }

    /// The manifest's text, with the records of what was written so far.
    func text(_ written: Written) -> String {
        Self.render(options: options, frames: frames, written: written, run: run)
    }

    private static func render(options: [(String, JSONValue)], frames: [(file: String, entries: [(String, JSONValue)])],
                               written: Written, run: String?) -> String {
        let frameValues: [JSONValue] = frames.map { frame in
            guard let record = written.frames[frame.file] else { return .object(frame.entries) }
            return .object(frame.entries + record.entries)
        }
        let head = run.map { [("run", JSONValue.string($0))] } ?? []
        var tail: [(String, JSONValue)] = []
        if let document = written.document {
            tail.append(("document", .object([("file", .string(documentName)), ("pages", .integer(frames.count))] + document.entries)))
        }
        if let video = written.video {
            tail.append(("video", .object([("file", .string(video.file)), ("fps", .integer(video.timing.fps)),
                                           ("hold", .number(video.timing.hold)), ("seconds", .number(video.seconds))])))
        }
        return JSONValue.object(options + head + [("frames", .array(frameValues))] + tail).rendered() + "\n"
    }

    /// What a folder's earlier manifest says: its run, its frames' records and its multi-page
    /// PDF's; nil when there is no readable manifest.
    static func previous(in folder: String) -> (run: String?, records: [String: Record], document: Record?)? {
        struct Saved: Decodable {
            struct Written: Decodable {
                let file: String
                let bytes: Int?
                let fnv1a64: String?

                var record: Record? { bytes.flatMap { bytes in fnv1a64.map { Record(bytes: bytes, checksum: $0) } } }
            }
            let run: String?
            let frames: [Written]
            let document: Written?
        }
        let path = (folder as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: path), let saved = try? JSONDecoder().decode(Saved.self, from: data) else {
            return nil
        }
        var records: [String: Record] = [:]
        for frame in saved.frames {
            if let record = frame.record { records[frame.file] = record }
        }
        return (saved.run, records, saved.document?.file == documentName ? saved.document?.record : nil)
    }
}

extension Manifest.Record {
    /// `"bytes"` and `"fnv1a64"`, as the manifest lists them.
    var entries: [(String, JSONValue)] { [("bytes", .integer(bytes)), ("fnv1a64", .string(checksum))] }
}

/// Checksums of written files.
enum Checksum {
    /// FNV-1a 64 in 16 hex digits: fast, and enough to tell a damaged frame from a whole one.
    static func fnv1a64(_ bytes: [UInt8]) -> String {
        hex(fnv1a64(bytes, from: offsetBasis))
    }

    /// The size and FNV-1a 64 of a regular file, read a megabyte at a time (a multi-page
    /// PDF can be large); nil when it is not a regular file or cannot be read.
    static func record(ofFileAt path: String) -> Manifest.Record? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, let file = FileHandle(forReadingAtPath: path) else {
            return nil
        }
        defer { try? file.close() }
        var hash = offsetBasis, count = 0
        do {
            // nil or no bytes: the end of the file.
            while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
                hash = chunk.withUnsafeBytes { fnv1a64($0, from: hash) }
                count += chunk.count
            }
        } catch {
            return nil
        }
        return Manifest.Record(bytes: count, checksum: hex(hash))
    }

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    private static func fnv1a64(_ bytes: some Sequence<UInt8>, from start: UInt64) -> UInt64 {
        var hash = start
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func hex(_ hash: UInt64) -> String {
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
