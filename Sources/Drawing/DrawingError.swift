/// Everything that can go wrong while drawing or writing a figure.
///
/// Each case carries what a user needs to fix the problem: the path that could not be
/// written, the font that is missing, the extension that was not understood.
///
/// ```swift
/// do { try canvas.write(to: "out/figure.png") }
/// catch let error as DrawingError { print(error) } // "cannot write 'out/figure.png': …"
/// ```
public enum DrawingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file name's extension names no format we can write.
    case unsupportedExtension(path: String)
    /// The canvas was made for one format and asked to write another.
    case formatMismatch(path: String, canvas: OutputFormat, requested: OutputFormat)
    /// A font family is not installed; `package` is the Debian package that provides it.
    case fontNotFound(family: String, package: String?)
    /// Canvas dimensions are not positive finite numbers or are too large.
    case invalidSize(width: Double, height: Double, scale: Double)
    /// Cairo reported an error; `operation` says what we were doing.
    case cairo(operation: String, message: String)
    /// An SVG or PDF canvas has already been finished and cannot be encoded again.
    case alreadyFinished(format: OutputFormat)
    /// ISA-L failed while compressing PNG data.
    case compression(message: String)
    /// The file (or its folder) could not be created or written.
    case cannotWrite(path: String, reason: String)
    /// The file could not be read.
    case cannotRead(path: String, reason: String)
    /// The bytes are not a PNG that cairo can decode.
    case invalidPNG(reason: String)

    public var description: String {
        switch self {
        case .unsupportedExtension(let path):
            let accepted = OutputFormat.allCases.map { "." + $0.fileExtension }.joined(separator: ", ")
            return "cannot tell the format of '\(path)': use one of the extensions \(accepted)"
        case .formatMismatch(let path, let canvas, let requested):
            return "cannot write '\(path)' as \(requested.fileExtension.uppercased()): "
                + "the canvas was made for \(canvas.fileExtension.uppercased())"
        case .fontNotFound(let family, let package):
            let hint = package.map { "; install \($0)" } ?? "; install a package that provides it"
            return "font '\(family)' not found\(hint)"
        case .invalidSize(let width, let height, let scale):
            return "invalid canvas size \(width) × \(height) at scale \(scale): "
                + "width, height and scale must be positive and the image at most 32767 pixels a side"
        case .cairo(let operation, let message):
            return "cairo failed while \(operation): \(message)"
        case .alreadyFinished(let format):
            return "this \(format.fileExtension.uppercased()) canvas was already encoded; "
                + "draw a new canvas to encode again"
        case .compression(let message):
            return "PNG compression failed: \(message)"
        case .cannotWrite(let path, let reason):
            return "cannot write '\(path)': \(reason)"
        case .cannotRead(let path, let reason):
            return "cannot read '\(path)': \(reason)"
        case .invalidPNG(let reason):
            return "not a readable PNG: \(reason)"
        }
    }
}
