import ArgumentParser
import Charts
import Dispatch
import Drawing
import Figures
import Foundation
import NetfigSpec
import NetworkEngine

/// `netfig animate SPEC -o DIR`: a training animation, one file per frame, and a manifest.
struct Animate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train and write one frame per recorded step, with a manifest.",
        discussion: """
            Each frame shows the diagram with the current weights, the cost surface over
            --x/--y with the path so far (the exact slice through the current parameters
            when every parameter trains), the training curve so far and, for 1 → 1, 1 →
            2 and 2 → 1 networks, the fit. Scales are fixed from the whole run, so
            nothing flickers. Frames are DIR/frame_00001.png … and DIR/manifest.json
            lists, per frame, the file, the step, the cost (and testCost, with test
            examples) and the tracked parameters.

            --format pdf also writes DIR/frames.pdf, every frame a page, for LaTeX's
            animate package: \\animategraphics[loop,controls]{12}{DIR/frames}{}{}. A run
            with --shard leaves it out (it needs every frame): after the shards, the same
            command with --resume and without --shard writes it, rendering no frame again.

            --video makes an MP4 or a GIF of every frame with ffmpeg, from PNG, SVG or PDF
            frames (SVG and PDF frames are drawn again as PNG for it, at --scale pixels per
            unit). --fps sets its frames a second, --hold how long its last frame stays. A
            GIF shows each frame a whole number of hundredths of a second, the nearest to
            1/fps and at least 2/100: --fps 24 plays at 25 in a GIF, --fps 60 at 50.

            Examples:
              netfig animate assets/not.yaml -o output/not-anim --frames 60
              netfig animate assets/heart.yaml -o heart-anim --frames 100 --spacing log
              netfig animate assets/heart.yaml -o frames --shard 2/8   # 1 of 8 tasks
              netfig animate assets/not.yaml -o output/not-anim --video output/not.mp4
              netfig animate assets/not.yaml -o not-anim --video not.gif --fps 10 --hold 3
              netfig animate assets/heart.yaml -o heart-pdf --format pdf   # + frames.pdf
              netfig animate assets/heart.yaml -o heart-svg --format svg --video heart.mp4
            """
    )

    @Argument(help: "The spec file (YAML or JSON).")
    var spec: String

    @Option(name: .short, help: ArgumentHelp("The folder for the frames and manifest.json (created if missing).", valueName: "dir"))
    var output: String

    @OptionGroup(title: "Training") var training: TrainingArguments


    @Option(parsing: .unconditional, help: "How many frames, e.g. --frames 120 (fewer when the spacing repeats a step).")
    var frames: Int = 60

    @Option(help: "even, or log to give the fast start of training most of the frames.")
    var spacing: FrameSpacing = .even

    @Option(help: ArgumentHelp("Frame size: pixels for PNG (before --scale), CSS px for SVG, pt for PDF, each side 64 to 8192.", valueName: "WxH"), transform: FrameSize.parse)
    var size: FrameSize = FrameSize(width: 1280, height: 720)

    @Option(help: "png, svg or pdf (pdf also writes DIR/frames.pdf, every frame a page, for LaTeX's animate package).")
    var format: FrameFormat = .png

    @Option(help: ArgumentHelp("The surface's x parameter (default: the last layer's first weight).", valueName: "param"))
    var x: String?

    @Option(help: ArgumentHelp("The surface's y parameter (default: the last layer's first bias).", valueName: "param"))
    var y: String?

    @OptionGroup(title: "The surface panel") var view: ViewOptions

    @Option(help: ArgumentHelp("circles, or functions: the network panel draws each neuron as a small plot of what it computes at that frame over the data's inputs (1 or 2 of them; with features, the features' values in the input column), e.g. --neurons functions.", valueName: "style"))
    var neurons: NeuronStyleArgument = .circles

    @Option(parsing: .unconditional, help: "Grid points per side of the surface panel, e.g. --resolution 256.")
    var resolution: Int = 96



    @Option(parsing: .unconditional, help: "PNG pixel density (and a video's of SVG or PDF frames): --size 960x540 --scale 2 writes 1920×1080 frames laid out as 960×540 ones.")
    var scale: Double = 1

    @Option(help: "Text size for the medium: paper, talk (every word at least 14 pt when the figure is shown 960 pt wide, as on a 16:9 slide) or poster, e.g. --context paper.")
    var context: TypeContext = .talk

    @Option(help: "light, dark or print.")
    var theme: ThemeName = .light

    @Option(help: "The frames' headline; $…$ is math, e.g. --title 'Drawing a heart' (default: the spec's title:, else its file name).")
    var title: String?

    @Option(help: ArgumentHelp("Also make a video of every frame with ffmpeg (.mp4 or .gif), e.g. --video not.gif.", valueName: "file"))
    var video: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The video's frames a second, \(VideoTiming.fpsRange.lowerBound) to \(VideoTiming.fpsRange.upperBound) (default \(VideoTiming.defaultFPS)), e.g. --fps 12.", valueName: "n"))
    var fps: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds the video's last frame stays on screen, \(Int(VideoTiming.holdRange.lowerBound)) to \(Int(VideoTiming.holdRange.upperBound)) (default \(Int(VideoTiming.defaultHold))), e.g. --hold 3.", valueName: "seconds"))
    var hold: Double?

    @Option(help: ArgumentHelp("Render only frames i, i+n, i+2n, … (1 ≤ i ≤ n), e.g. one task of a Slurm array; all shards together equal one run.", valueName: "i/n"), transform: Shard.parse)
    var shard: Shard?

    /// Measured (BENCHMARKS.md): two jobs on two cores render 1.75 to 1.9 times as fast as one.
    @Option(parsing: .unconditional, help: "Frames rendered at once (separate threads), e.g. --jobs 1 (default: one per core, at most 8).")
    var jobs: Int?

    /// `--jobs`, or one per core (at most 8).
    var workers: Int { jobs ?? min(ProcessInfo.processInfo.activeProcessorCount, 8) }

    @Flag(help: "Skip frames already written by a run of the same spec and options.")
    var resume = false

    @Flag(help: "No progress on stderr (shown on a terminal, and every few seconds in a log).")
    var quiet = false

    static let maxFrames = 100_000
    /// Numbers the frames' networks may hold in all (8 bytes each: 400 MB): each frame keeps
    /// its network's parameters, while the costs and the path are kept within the figure's
    /// pixels whatever the steps.
    static let maxKeptNumbers = 50_000_000

    /// Refuses, before training, frames whose networks would not fit `maxKeptNumbers`.
    ///
    /// - Parameters:
    ///   - option: `--frames` as given.
    ///   - frames: the frames there will be (no more than the steps allow).
    ///   - parameters: the network's weights and biases.
    static func checkKept(option: Int, frames: Int, parameters: Int) throws {
        let kept = frames.multipliedReportingOverflow(by: parameters)
        guard kept.overflow || kept.partialValue > maxKeptNumbers else { return }
        let most = max(1, maxKeptNumbers / max(parameters, 1))
        throw FailureReport.usage("--frames \(option): \(frames) frames of \(parameters) parameters each keep \(kept.overflow ? "too many" : String(kept.partialValue)) numbers; expected at most \(maxKeptNumbers) (--frames \(most) or fewer for this network)")
    }

    func validate() throws {
        guard frames >= 1, frames <= Self.maxFrames else { throw ValidationError("--frames \(frames): expected 1 to \(Self.maxFrames)") }
        guard resolution >= 2, resolution <= 1024 else { throw ValidationError("--resolution \(resolution): expected 2 to 1024") }
        if let jobs, !(1...64).contains(jobs) { throw ValidationError("--jobs \(jobs): expected 1 to 64") }
        if let problem = FigureOptions.tooSmall(width: size.width, height: size.height, context: context,
                                                given: "--size \(Int(size.width))x\(Int(size.height))") {
            throw ValidationError(problem)
        }
        guard scale > 0, scale <= 8 else { throw ValidationError("--scale \(scale): expected a number above 0, at most 8") }
        // A video of SVG or PDF frames is made of PNG copies at --scale pixels per unit.
        if format == .png || video != nil {
            let pixels = (width: (size.width * scale).rounded(), height: (size.height * scale).rounded())
            guard min(pixels.width, pixels.height) >= 64, max(pixels.width, pixels.height) <= 8192 else {
                throw ValidationError("--size \(Int(size.width))x\(Int(size.height)) --scale \(scale): frames would be \(Int(pixels.width))×\(Int(pixels.height)) pixels; expected 64 to 8192 a side")
            }
        }
        if let fps, let problem = VideoTiming.fpsProblem(fps) { throw ValidationError(problem) }
        if let hold, let problem = VideoTiming.holdProblem(hold) { throw ValidationError(problem) }
        if let video {
            guard [".mp4", ".gif"].contains(where: { video.lowercased().hasSuffix($0) }) else {
                throw ValidationError("--video \(video): expected a file name ending in .mp4 or .gif")
            }
        } else if fps != nil || hold != nil {
            throw ValidationError("\(fps != nil ? "--fps" : "--hold") paces a video: add --video FILE.mp4 or --video FILE.gif")
        }
    }

    /// The video's pacing: the options given, or the defaults.
    var timing: VideoTiming { VideoTiming(fps: fps ?? VideoTiming.defaultFPS, hold: hold ?? VideoTiming.defaultHold) }

    func run() throws {
        Interruption.resumable.store(true, ordering: .relaxed)
        let loaded = try SpecFile.load(spec, needs: .examples(for: "animate"))
        let data = try loaded.requireData(for: "animate")
        // Before the training, not after it: a video path that is a folder is known now.
        if let video { try Video.checkTarget(video) }
        let network = loaded.network
        let (xName, yName) = try ParameterChoice.pair(x: x, y: y, in: network)
        // A first canvas checks the fonts before the training.
        _ = try Canvas(width: size.width, height: size.height, format: format.outputFormat, scale: scale)

        let options = training.options(for: loaded)
        try Self.checkKept(option: frames, frames: min(frames, options.steps + 1), parameters: network.parameterCount)

        var settings = AnimationSettings(frames: frames, spacing: spacing, x: xName, y: yName, resolution: resolution,
                                         width: size.width, height: size.height, title: FigureOptions.titleLabel(title, loaded, fallback: Provenance.fileName(spec)),
                                         context: context)
        if view.view == .threeD {
            settings.surface3D = .init(azimuth: view.azimuth ?? -60, elevation: view.elevation ?? 30)
        }
        if neurons == .functions {
            guard (1...2).contains(loaded.features?.rawWidth ?? network.shape[0]) else {
                throw FailureReport.usage("--neurons functions: \(Provenance.fileName(spec)) has \(Diagram.inputCount(loaded)); expected 1 or 2 (a curve over the input line, a map over the plane)")
            }
            settings.neuronFunctions = true
        }
        let trainingProgress = Progress("training: step", total: options.steps, quiet: quiet)
        let plan = try AnimationPlan(network: network, data: data, test: loaded.test, features: loaded.features,
                                     rawData: loaded.rawData, rawTest: loaded.rawTest, training: options, settings: settings,
                                     progress: trainingProgress.update)
        trainingProgress.finish()

        let manifest = Manifest(plan: plan, loaded: loaded, format: format, theme: theme, scale: scale)
        let manifestPath = (output as NSString).appendingPathComponent("manifest.json")
        let previous = Manifest.previous(in: output)
        if resume, let previous, previous.run != manifest.run {
            Terminal.error("--resume: \(manifestPath) is from another spec or other options; rendering every frame")
        }
        let sameRun = previous?.run == manifest.run
        let (chosen, kept) = framesToRender(plan, earlier: sameRun ? previous?.records ?? [:] : [:])
        let document = try documentPlan(earlier: sameRun ? previous?.document : nil)
        let records = FrameRecords(manifest: manifest, path: manifestPath, kept: Manifest.Written(frames: kept, document: document.kept))
        try records.save()
        Self.removeStaleTemporaries(in: output)
        for index in chosen { try Self.clearFolder(at: path(of: plan.frames[index])) }
        let copies = try copiesFolder(plan, rendering: Set(chosen))
        defer {
            if let copies {
                try? FileManager.default.removeItem(atPath: copies)
                Cleanup.shared.remove(folder: copies)
            }
        }
        let metadata = Provenance.metadata(loaded)
        let pages = document.writes ? try MultiPagePDF(path: document.path, width: size.width, height: size.height) : nil
        let job = FrameJob(plan: plan, format: format, scale: scale, theme: theme.theme, output: output, metadata: metadata,
                           records: records, copies: copies)
        try render(plan, job: job, files: chosen, pages: pages)
        if let pages {
            try pages.finish(metadata: metadata.merging(["Frames": "\(plan.frames.count)"]) { $1 })
            guard let record = Checksum.record(ofFileAt: document.path) else {
                throw FailureReport.failure("cannot read '\(document.path)' back after writing it")
            }
            records.setDocument(record)
        }
        try records.save()
        if let video { try makeVideo(video, of: plan, copies: copies, records: records) }
    }

    /// The frames this run renders, and the records it keeps: other shards' records of this
    /// run (each shard verifies its own when resumed), so that all shards together leave
    /// the manifest one whole run leaves, and with --resume its own frames still whole.
    ///
    /// - Parameter earlier: the records of an earlier manifest of this run.
    private func framesToRender(_ plan: AnimationPlan, earlier: [String: Manifest.Record]) -> (chosen: [Int], kept: [String: Manifest.Record]) {
        let chosen = plan.frames.indices.filter { shard?.includes(frameNumber: plan.frames[$0].number) ?? true }
        let names = Set(chosen.map { plan.frames[$0].fileName(extension: format.rawValue) })
        var kept = earlier.filter { !names.contains($0.key) }
        guard resume else { return (chosen, kept) }
        // Only frames whose bytes match their record are kept: a truncated, damaged or
        // empty file, or a folder of the frame's name, is rendered again.
        for index in chosen {
            let file = plan.frames[index].fileName(extension: format.rawValue)
            if let record = earlier[file], Self.matches(path(of: plan.frames[index]), record) { kept[file] = record }
        }
        return (chosen.filter { kept[plan.frames[$0].fileName(extension: format.rawValue)] == nil }, kept)
    }

    /// Makes the video of every frame (PNG frames, or the PNG copies of SVG or PDF ones)
    /// and lists it in the manifest.
    private func makeVideo(_ video: String, of plan: AnimationPlan, copies: String?, records: FrameRecords) throws {
        let all = plan.frames.allSatisfy { FileManager.default.fileExists(atPath: path(of: $0)) }
        guard all else { throw FailureReport.failure("frames written to \(output), but not all of them (a shard?): run --video when every frame is there") }
        let sources = copies.map { folder in plan.frames.map { (folder as NSString).appendingPathComponent($0.fileName(extension: "png")) } }
        try Video.make(video, frames: sources ?? plan.frames.map(path(of:)), folder: output, timing: timing)
        let seconds = timing.seconds(frames: plan.frames.count, gif: video.lowercased().hasSuffix(".gif"))
        records.setVideo(Manifest.VideoEntry(file: video, timing: timing, seconds: seconds))
        try records.save()
    }

    /// What becomes of `DIR/frames.pdf` (`--format pdf`): written by a run without --shard,
    /// unless --resume finds the one an earlier run of the same options wrote still whole;
    /// kept by a shard when it is of this run and whole (shards write the frames it holds
    /// byte for byte). Any other one is removed now, so that the document in the folder is
    /// always of the manifest's frames.
    ///
    /// - Parameter earlier: the record an earlier manifest of this run has of it.
    private func documentPlan(earlier: Manifest.Record?) throws -> (path: String, writes: Bool, kept: Manifest.Record?) {
        let path = (output as NSString).appendingPathComponent(Manifest.documentName)
        let whole = earlier.flatMap { Self.matches(path, $0) ? $0 : nil }
        let kept = format == .pdf && (shard != nil || resume) ? whole : nil
        let writes = format == .pdf && shard == nil && kept == nil
        if kept == nil {
            var status = stat()
            if lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFDIR { unlink(path) }
            if writes { try Self.clearFolder(at: path) }
        }
        return (path, writes, kept)
    }

    /// The folder of PNG copies a video of SVG or PDF frames is made from, beside the video,
    /// created and registered for removal on a signal; nil for PNG frames, and when a frame
    /// that this run does not render is missing (there will be no video then).
    private func copiesFolder(_ plan: AnimationPlan, rendering: Set<Int>) throws -> String? {
        guard let video, format != .png else { return nil }
        let others = plan.frames.indices.filter { !rendering.contains($0) }
        guard others.allSatisfy({ FileManager.default.fileExists(atPath: path(of: plan.frames[$0])) }) else { return nil }
        try Video.makeFolder(for: video)
        Video.removeStaleScratch(besides: video)
        let folder = Video.scratchPrefix(for: video) + ".frames"
        Cleanup.shared.add(folder: folder)
        guard mkdir(folder, 0o777) == 0 || errno == EEXIST else {
            Cleanup.shared.remove(folder: folder)
            throw FailureReport.failure("cannot write '\(video)': cannot create the folder of its frames '\(folder)': \(String(cString: strerror(errno)))")
        }
        return folder
    }

    private func path(of frame: AnimationPlan.Frame) -> String {
        (output as NSString).appendingPathComponent(frame.fileName(extension: format.rawValue))
    }

    /// Renders the frames, `jobs` at a time, each on its own canvas (surfaces never cross
    /// threads): the files of the frames `files`, and, when there is a multi-page PDF or a
    /// video of PNG copies to make, every frame for them.
    ///
    /// The pages go into the PDF in order from this thread, the one that owns its surface:
    /// the frames are then drawn in batches of a few a worker, whose scenes (values) wait for
    /// it, so that memory does not grow with the frames.
    private func render(_ plan: AnimationPlan, job: FrameJob, files: [Int], pages: MultiPagePDF?) throws {
        let visits = pages != nil || job.copies != nil ? Array(plan.frames.indices) : files
        let writes = Set(files)
        let progress = Progress("rendering: frame", total: visits.count, quiet: quiet)
        defer { progress.finish() }
        let done = Counter()
        let failure = FirstError()
        let keepsScenes = pages != nil
        let batch = keepsScenes ? workers * 4 : max(visits.count, 1)
        for start in stride(from: 0, to: visits.count, by: batch) {
            let part = Array(visits[start..<min(start + batch, visits.count)])
            let scenes = Slots<Scene>(count: keepsScenes ? part.count : 0)
            let workers = min(self.workers, part.count)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var position = worker
                while position < part.count, !failure.isSet {
                    let index = part[position]
                    do {
                        if let scene = try job.run(index: index, writesFile: writes.contains(index), keepsScene: keepsScenes) {
                            scenes.set(position, scene)
                        }
                    } catch {
                        failure.set(error)
                    }
                    let count = done.increment()
                    if worker == 0 || count == visits.count { progress.update(count) }
                    position += workers
                }
            }
            if let error = failure.error { throw error }
            for scene in scenes.filled { try pages?.add(scene) }
        }
    }

    /// Whether the file at `path` is a regular file with the recorded size and checksum.
    static func matches(_ path: String, _ record: Manifest.Record) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == record.bytes else { return false }
        return Checksum.record(ofFileAt: path) == record
    }

    /// Removes an empty folder where a frame is to be written (a rename cannot replace it);
    /// a folder with files in it is the user's, and an error.
    static func clearFolder(at path: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return }
        guard rmdir(path) == 0 else {
            throw FailureReport.failure("cannot write '\(path)': a folder of that name is in the way and not empty: \(String(cString: strerror(errno)))")
        }
    }

    /// Temporary files a killed run (SIGKILL cannot be caught) may have left.
    static func removeStaleTemporaries(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".frame_") && name.hasSuffix(".tmp") {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }
}

/// `--size 1280x720`.
struct FrameSize: ExpressibleByArgument, Equatable {
    let width: Double
    let height: Double

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (64...8192).contains(w), (64...8192).contains(h) else { return nil }
        width = Double(w)
        height = Double(h)
    }

    var defaultValueDescription: String { "\(Int(width))x\(Int(height))" }

    static func parse(_ argument: String) throws -> FrameSize {
        guard let size = FrameSize(argument: argument) else { throw ValidationError("expected WIDTHxHEIGHT, each 64 to 8192, e.g. 1280x720") }
        return size
    }
}

enum FrameFormat: String, ExpressibleByArgument, CaseIterable {
    case png, svg, pdf

    var outputFormat: OutputFormat {
        switch self {
        case .png: .png
        case .svg: .svg
        case .pdf: .pdf
        }
    }
}

extension FrameSpacing: ExpressibleByArgument {}
