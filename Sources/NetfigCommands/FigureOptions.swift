import ArgumentParser
import Charts
import Drawing
import NetfigSpec

/// Options every figure command takes: the output file, its size, density, theme and title.
struct FigureOptions: ParsableArguments {
    @Option(name: .short, help: ArgumentHelp("The output file: .png, .svg or .pdf (surface, profile, train and fit also write .csv: the numbers behind the figure). Missing folders are created.", valueName: "file"))
    var output: String

    @Option(parsing: .unconditional, help: "Width: pixels for PNG (before --scale), CSS px for SVG, pt for PDF, e.g. --width 1600.")
    var width: Double = 960

    @Option(parsing: .unconditional, help: "Height, in the same units as --width, e.g. --height 900.")
    var height: Double = 540

    @Option(parsing: .unconditional, help: "PNG pixel density: 2 writes a 1920×1080 image for the default 960×540; --scale 1 a 960×540 one.")
    var scale: Double = 2

    @Option(help: "Text size for the medium: paper, talk (every word at least 14 pt when the figure is shown 960 pt wide, as on a 16:9 slide) or poster, e.g. --context paper.")
    var context: TypeContext = .talk

    @Option(help: "light, dark or print (greyscale-safe), e.g. --theme dark.")
    var theme: ThemeName = .light

    @Flag(help: "Write notes on labels left out (how many, and why) at the bottom of the figure; they always go to stderr.")
    var notes = false

    @Option(help: "The figure's title; $…$ is math, e.g. --title 'Learning NOT: $a = \\tanh(wx + b)$' (default: the spec's title:, else one naming the spec file; '' for none).")
    var title: String?

    @Option(help: "The figure's subtitle, math as in --title (default: the network, data and settings; '' for none).")
    var subtitle: String?

    @Flag(help: "No progress on stderr (shown on a terminal, and every few seconds in a log).")
    var quiet = false

    /// Limits that keep a typo from asking for gigabytes.
    static let maxSide: Double = 20_000
    static let maxPixels: Double = 100_000_000
    static let maxPixelSide: Double = 32_767

    func validate() throws {
        for (name, value) in [("--width", width), ("--height", height)] where !(value >= 16 && value <= Self.maxSide) {
            throw ValidationError("\(name) \(value): expected 16 to \(Int(Self.maxSide))")
        }
        guard scale > 0, scale <= 8 else { throw ValidationError("--scale \(scale): expected a number above 0, at most 8") }
        // Text is sized against the figure (--context): below this its smallest words would be
        // under 4 units (px, pt) high, past reading and too cramped to lay out.
        if let problem = Self.tooSmall(width: width, height: height, context: context, given: "--width \(Int(width)) --height \(Int(height))") {
            throw ValidationError(problem)
        }
        let vector = !output.lowercased().hasSuffix(".png")
        let pixelWidth: Double = (width * scale).rounded(), pixelHeight: Double = (height * scale).rounded()
        if !vector, pixelWidth < 16 || pixelHeight < 16 {
            let least = 16 / min(width, height)
            throw ValidationError("--scale \(scale): a \(Int(width))×\(Int(height)) PNG would be \(Int(pixelWidth))×\(Int(pixelHeight)) pixels; expected at least 16 a side (--scale \(least) or more)")
        }
        let pixels: Double = width * height * scale * scale
        guard pixels <= Self.maxPixels else {
            let megapixels = Int(Self.maxPixels / 1_000_000)
            if vector {
                throw ValidationError("--width \(Int(width)) --height \(Int(height)) at --scale \(scale): the figure's raster parts (heatmaps) would be \(Int(pixelWidth))×\(Int(pixelHeight)) pixels; expected at most \(megapixels) megapixels (lower --scale, which sets their density in SVG and PDF)")
            }
            throw ValidationError("\(Int(pixelWidth))×\(Int(pixelHeight)) pixels would need \(Int(pixels * 4 / 1_048_576)) MiB; expected at most \(megapixels) megapixels")
        }
        // Cairo's images (a PNG, or a vector figure's measuring surface and heatmaps) end at
        // 32 767 pixels a side.
        if pixelWidth > Self.maxPixelSide || pixelHeight > Self.maxPixelSide {
            throw ValidationError("--width \(Int(width)) --height \(Int(height)) at --scale \(scale) would be \(Int(pixelWidth))×\(Int(pixelHeight)) pixels; expected at most \(Int(Self.maxPixelSide)) a side (lower --scale)")
        }
    }

    /// The least of width and twice the height a figure may have in `context`.
    static func leastWidth(_ context: TypeContext) -> Double {
        4 / (ChartSizing(em: 1).smallestText * context.emPerWidth)
    }

    /// Why a figure of this size cannot be laid out legibly in `context`, or nil.
    ///
    /// - Parameter given: the options as the user wrote them, to start the message.
    static func tooSmall(width: Double, height: Double, context: TypeContext, given: String) -> String? {
        let least = leastWidth(context)
        guard min(width, height * 2) < least else { return nil }
        func size(_ c: TypeContext) -> String {
            let w = leastWidth(c)
            return "\(Int(w.rounded(.up))) wide and \(Int((w / 2).rounded(.up))) high"
        }
        let hint = context == .poster ? "" : " (\(size(.poster)) with --context poster, whose text is larger)"
        return "\(given): too small for legible text; expected at least \(size(context)) in the \(context.rawValue) context\(hint)"
    }

    /// `--title` (math between `$`), else the spec's `title:`, else `fallback` as written.
    func titleLabel(_ loaded: LoadedSpec, fallback: String) -> Label {
        Self.titleLabel(title, loaded, fallback: fallback)
    }

    static func titleLabel(_ option: String?, _ loaded: LoadedSpec, fallback: String) -> Label {
        if let option { return Label(option) }
        if let title = loaded.spec.title { return Label(title) }
        return Label.plain(fallback)
    }

    /// `--subtitle` (math between `$`), else the figure's own.
    func subtitleLabel(_ fallback: Label) -> Label {
        subtitle.map { Label($0) } ?? fallback
    }

    /// Where the figure goes, checked before any work is done.
    func target(allowingCSV: Bool) throws -> OutputTarget {
        try OutputTarget(path: output, allowingCSV: allowingCSV)
    }
}

extension TypeContext: ExpressibleByArgument {}

enum ThemeName: String, CaseIterable, ExpressibleByArgument {
    case light, dark, print

    var theme: Theme {
        switch self {
        case .light: return .light
        case .dark: return .dark
        case .print: return .print
        }
    }
}

/// A figure file or the numbers behind it.
enum OutputTarget: Equatable {
    case figure(OutputFormat)
    case csv

    init(path: String, allowingCSV: Bool) throws {
        if allowingCSV, path.lowercased().hasSuffix(".csv") {
            self = .csv
            return
        }
        do {
            self = .figure(try OutputFormat(path: path))
        } catch {
            let accepted = allowingCSV ? ".png, .svg, .pdf or .csv" : ".png, .svg or .pdf"
            throw FailureReport.usage("\(path): unknown output format; expected a file name ending in \(accepted)")
        }
    }
}
