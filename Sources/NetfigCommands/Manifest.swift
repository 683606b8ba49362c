import Drawing
import Figures
import Foundation
import NetfigSpec
import NetworkEngine

/// `manifest.json` of an animation: netfig's version, the spec's hash, the options, and per
/// frame the file, the step, the cost and the tracked parameters. Deterministic, so every
/// shard writes the same bytes and `--resume` can tell whether frames belong to this run.
struct Manifest {
    let text: String

    init(plan: AnimationPlan, loaded: LoadedSpec, format: FrameFormat, theme: ThemeName) {
        let network = loaded.network
        let x = plan.settings.x.name(in: network), y = plan.settings.y.name(in: network)
        let options: JSONValue = .object([
            ("steps", .integer(plan.training.steps)),
            ("rate", .number(plan.training.rate)),
            ("optimizer", .string(plan.training.optimizer.rawValue)),
            ("frames", .integer(plan.settings.frames)),
            ("spacing", .string(plan.settings.spacing.rawValue)),
            ("size", .string("\(Int(plan.settings.width))x\(Int(plan.settings.height))")),
            ("format", .string(format.rawValue)),
            ("resolution", .integer(plan.settings.resolution)),
            ("theme", .string(theme.rawValue)),
            ("title", .string(plan.settings.title)),
        ])
        let frames: [JSONValue] = plan.frames.map { frame in
            .object([
                ("file", .string(frame.fileName(extension: format.rawValue))),
                ("step", .integer(frame.step)),
                ("cost", .number(frame.cost)),
                ("parameters", .object([(x, .number(frame.x)), (y, .number(frame.y))])),
            ])
        }
        let document: JSONValue = .object([
            ("netfig", .string(Netfig.version)),
            ("spec", .string(Provenance.fileName(loaded.path))),
            ("specHash", .string(loaded.hash)),
            ("options", options),
            ("parameters", .array([.string(x), .string(y)])),
            ("frames", .array(frames)),
        ])
        text = document.rendered() + "\n"
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
