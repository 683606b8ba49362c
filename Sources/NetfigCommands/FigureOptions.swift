import ArgumentParser
import Charts
import Drawing

/// Options every figure command takes: the output file, its size, density, theme and title.
struct FigureOptions: ParsableArguments {
    @Option(name: .short, help: ArgumentHelp("The output file: .png, .svg or .pdf (or .csv for the numbers behind the figure). Missing folders are created.", valueName: "file"))
    var output: String

    @Option(help: "Width: pixels for PNG (before --scale), CSS px for SVG, pt for PDF, e.g. --width 1600.")
    var width: Double = 960

    @Option(help: "Height, in the same units as --width, e.g. --height 900.")
    var height: Double = 540

    @Option(help: "PNG pixel density: 2 writes a 1920×1080 image for the default 960×540; --scale 1 a 960×540 one.")
    var scale: Double = 2

    @Option(help: "Text size for the medium: paper, talk (every word at least 14 pt when the figure is shown 960 pt wide, as on a 16:9 slide) or poster, e.g. --context paper.")
    var context: TypeContext = .talk

    @Option(help: "light, dark or print (greyscale-safe), e.g. --theme dark.")
    var theme: ThemeName = .light

    @Flag(help: "Write notes on labels left out (how many, and why) at the bottom of the figure; they always go to stderr.")
    var notes = false

    @Option(help: "The figure's title, e.g. --title 'Learning NOT' (default: from the spec).")
    var title: String?

    @Flag(help: "No progress on stderr (shown on a terminal, and every few seconds in a log).")
    var quiet = false

    /// Limits that keep a typo from asking for gigabytes.
    static let maxSide: Double = 20_000
    static let maxPixels: Double = 100_000_000

    func validate() throws {
        for (name, value) in [("--width", width), ("--height", height)] where !(value >= 16 && value <= Self.maxSide) {
            throw ValidationError("\(name) \(value): expected 16 to \(Int(Self.maxSide))")
        }
        guard scale > 0, scale <= 8 else { throw ValidationError("--scale \(scale): expected a number above 0, at most 8") }
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
