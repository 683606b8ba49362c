/// The file formats a canvas can be written as.
///
/// The format follows the file name's extension, case-insensitively.
///
/// ```swift
/// let format = try OutputFormat(path: "output/curve.svg") // .svg
/// ```
public enum OutputFormat: String, CaseIterable, Sendable {
    case png
    case svg
    case pdf

    /// The format named by a path's extension.
    ///
    /// - Parameter path: a file name or path such as `figures/cost.pdf`.
    /// - Throws: `DrawingError.unsupportedExtension` naming `.png, .svg, .pdf`.
    public init(path: String) throws {
        let name: Substring = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."),
              let format = OutputFormat(rawValue: name[name.index(after: dot)...].lowercased())
        else {
            throw DrawingError.unsupportedExtension(path: path)
        }
        self = format
    }

    /// The extension without its dot, e.g. `png`.
    public var fileExtension: String { rawValue }

    /// Whether the format is a raster image (sizes in pixels) rather than vector graphics.
    public var isRaster: Bool { self == .png }
}
