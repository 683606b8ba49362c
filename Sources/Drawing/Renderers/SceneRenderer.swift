/// What turns a scene into an output: a few primitives, and `render(_:)` walking the tree.
///
/// As in matplotlib's `RendererBase` and plotters' `DrawingBackend`, a renderer implements
/// the primitives and nothing else; the walk, and a default for what only raster outputs
/// can do, live here. `CairoRenderer` (PNG, PDF), `SVGWriter` and `RecordingRenderer`
/// (tests) conform.
///
/// ```swift
/// let writer = SVGWriter(width: scene.width, height: scene.height, imageScale: 2)
/// writer.render(scene)
/// let bytes = try writer.encoded(metadata: ["Software": "netfig"])
/// ```
public protocol SceneRenderer: AnyObject {
    func drawPath(_ path: ScenePath)
    func drawText(_ text: SceneText)
    func drawImage(_ image: SceneImage)
    /// A colour over everything the open groups' clips leave.
    func paint(_ color: Color)
    /// Opens a group: its clip and opacity apply until the matching `endGroup`.
    func beginGroup(_ group: SceneGroup)
    func endGroup(_ group: SceneGroup)
    /// Puts back pixels an earlier frame's raster renderer kept; vector outputs never get
    /// them (a vector canvas draws its cached layers).
    func restore(_ patch: PixelPatch)
}

extension SceneRenderer {
    public func restore(_ patch: PixelPatch) {}

    /// Draws the scene's items in order over what the renderer already holds.
    public func render(_ scene: Scene) {
        render(scene.items)
    }

    func render(_ items: [SceneItem]) {
        for item in items {
            switch item {
            case .path(let path): drawPath(path)
            case .text(let text): drawText(text)
            case .image(let image): drawImage(image)
            case .paint(let color): paint(color)
            case .pixels(let patch): restore(patch)
            case .group(let group):
                beginGroup(group)
                render(group.items)
                endGroup(group)
            }
        }
    }
}
