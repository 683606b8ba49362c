/// Records what a scene draws, flattened: every path, label, image and paint with the clip
/// it is drawn under, for tests that assert geometry on the scene (where each label went,
/// whether two overlap, what a clip cuts) instead of on pixels.
///
/// ```swift
/// let recorder = RecordingRenderer()
/// recorder.render(canvas.scene)
/// let words = recorder.texts.map { $0.text.label.description }
/// ```
public final class RecordingRenderer: SceneRenderer {
    /// One thing drawn, with the intersection of the clips it was drawn under.
    public struct Mark: Sendable {
        public enum Kind: Sendable {
            case path(ScenePath)
            case text(SceneText)
            case image(SceneImage)
            case paint(Color)
        }

        public let kind: Kind
        /// nil when nothing clips it.
        public let clip: Rect?
        /// The product of the open groups' opacities.
        public let opacity: Double
    }

    public private(set) var marks: [Mark] = []
    private var clips: [Rect?] = [nil]
    private var opacities: [Double] = [1]

    public init() {}

    /// Every label drawn, with its clip.
    public var texts: [(text: SceneText, clip: Rect?)] {
        marks.compactMap { mark in
            if case .text(let text) = mark.kind { return (text, mark.clip) }
            return nil
        }
    }

    public func drawPath(_ path: ScenePath) { record(.path(path)) }
    public func drawText(_ text: SceneText) { record(.text(text)) }
    public func drawImage(_ image: SceneImage) { record(.image(image)) }
    public func paint(_ color: Color) { record(.paint(color)) }

    public func beginGroup(_ group: SceneGroup) {
        let outer = clips[clips.count - 1]
        var clip = group.clip ?? outer
        if let inner = group.clip, let outer { clip = inner.intersection(outer) }
        clips.append(clip)
        opacities.append(opacities[opacities.count - 1] * group.opacity)
    }

    public func endGroup(_ group: SceneGroup) {
        if clips.count > 1 { clips.removeLast() }
        if opacities.count > 1 { opacities.removeLast() }
    }

    private func record(_ kind: Mark.Kind) {
        marks.append(Mark(kind: kind, clip: clips[clips.count - 1], opacity: opacities[opacities.count - 1]))
    }
}
