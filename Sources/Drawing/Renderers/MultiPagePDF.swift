/// A PDF of many pages, one scene each, written page by page to a file that appears, whole,
/// only when finished: an animation's frames as one document for LaTeX's `animate` package,
/// whose `\animategraphics{24}{frames}{}{}` plays every page of `frames.pdf`.
///
/// The bytes go to the file as cairo writes them, so the document's size does not bound
/// memory; fonts are embedded once for all pages. It has `FileOutput`'s guarantees: a
/// temporary file in the target folder, renamed into place by `finish`, removed when the
/// document is dropped unfinished or the process is interrupted.
///
/// ```swift
/// let pages = try MultiPagePDF(path: "anim/frames.pdf", width: 640, height: 360)
/// for scene in scenes { try pages.add(scene) }
/// try pages.finish(metadata: ["Software": "netfig"])
/// ```
public final class MultiPagePDF {
    public let path: String
    /// Pages added so far.
    public private(set) var pageCount = 0
    private let stream: FileOutput.Stream
    private let renderer: CairoRenderer
    private var pageSize: (width: Double, height: Double)

    /// Creates the temporary file (and missing folders) and the PDF surface.
    ///
    /// - Parameters:
    ///   - path: the document, e.g. `frames.pdf`.
    ///   - width: the first page's width in points; a scene of another size sets its own.
    ///   - height: the first page's height in points.
    /// - Throws: `DrawingError.cannotWrite`, `.invalidSize` or `.cairo`.
    public init(path: String, width: Double, height: Double) throws {
        self.path = path
        let stream = try FileOutput.Stream(to: path)
        do {
            renderer = try CairoRenderer(pdfWidth: width, height: height, sink: ByteSink(stream: stream))
        } catch {
            stream.abandon()
            throw error
        }
        self.stream = stream
        pageSize = (width, height)
    }

    deinit {
        // Unfinished (a failure or an error thrown by the caller): no file appears.
        stream.abandon()
    }

    /// Draws a scene on a page of its own, the scene's size.
    ///
    /// - Throws: `DrawingError.cairo` when drawing failed; the document is then unusable.
    public func add(_ scene: Scene) throws {
        if scene.width != pageSize.width || scene.height != pageSize.height {
            try CairoContext.validate(width: scene.width, height: scene.height, scale: 1)
            renderer.setPageSize(width: scene.width, height: scene.height)
            pageSize = (scene.width, scene.height)
        }
        renderer.render(scene)
        try renderer.showPage()
        pageCount += 1
    }

    /// Finishes the PDF and renames it into place.
    ///
    /// - Parameter metadata: as for `Canvas.encoded(metadata:)`: Creator (`Software`), Title
    ///   (`Title`) and Subject (every other pair).
    /// - Throws: `DrawingError.cairo` when there is no page or cairo failed,
    ///   `.cannotWrite` when the file could not be written; then no file is left.
    public func finish(metadata: [String: String] = [:]) throws {
        guard pageCount > 0 else {
            stream.abandon()
            throw DrawingError.cairo(operation: "finishing '\(path)'", message: "a PDF needs at least one page")
        }
        do {
            try renderer.finishDocument(metadata: metadata)
        } catch {
            stream.abandon()
            throw error
        }
        try stream.finish()
    }
}
