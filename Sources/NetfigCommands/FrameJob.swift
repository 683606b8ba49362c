import Charts
import Drawing
import Figures
import Foundation

/// What `animate` makes of one frame, on the worker thread that draws it (each on its own
/// canvas: surfaces never cross threads): the frame's file when this run writes it, a PNG
/// copy when a video is made of SVG or PDF frames, and the scene itself, a value, for the
/// multi-page PDF that one thread writes in order.
///
/// ```swift
/// let job = FrameJob(plan: plan, format: .pdf, scale: 1, theme: .light, output: "anim",
///                    metadata: metadata, records: records, copies: nil)
/// let scene = try job.run(index: 0, writesFile: true, keepsScene: true)   // anim/frame_00001.pdf, and its page
/// ```
struct FrameJob: Sendable {
    let plan: AnimationPlan
    let format: FrameFormat
    let scale: Double
    let theme: Theme
    /// The frames' folder.
    let output: String
    let metadata: [String: String]
    let records: FrameRecords
    /// The folder for PNG copies of every frame (a video of SVG or PDF frames), or nil.
    let copies: String?

    /// Draws frame `index`; writes its file when `writesFile` (and records it), its PNG copy
    /// when there is a folder for copies; returns its scene when `keepsScene`.
    func run(index: Int, writesFile: Bool, keepsScene: Bool) throws -> Scene? {
        let canvas = try Canvas(width: plan.settings.width, height: plan.settings.height, format: format.outputFormat, scale: scale)
        AnimationFrame(plan: plan, index: index).draw(on: canvas, theme: theme)
        let frame = plan.frames[index]
        if writesFile {
            let name = frame.fileName(extension: format.rawValue)
            let bytes = try canvas.encoded(metadata: metadata.merging(["Frame": "\(frame.number)"]) { $1 })
            try Cleanup.shared.write { try FileOutput.write(bytes, to: (output as NSString).appendingPathComponent(name)) }
            try records.add(name, Manifest.Record(of: bytes))
        }
        if let copies {
            // A copy lives for one ffmpeg run: the fastest compression.
            canvas.pngCompressionLevel = 1
            let png = try canvas.encodedPNG()
            let file = (copies as NSString).appendingPathComponent(frame.fileName(extension: "png"))
            try Cleanup.shared.write { try FileOutput.write(png, to: file) }
        }
        return keepsScene ? canvas.scene : nil
    }
}
