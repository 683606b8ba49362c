import Drawing

/// A part of a chart — title block, axes, colour bar, legend — that measures itself, then
/// adds itself to the scene: SwiftUI's `sizeThatFits` and `placeSubviews`, as two values.
///
/// `layout(in:)` measures every text the element will draw, once, and decides where each
/// part goes; `emit(_:on:)` draws exactly that, measuring nothing. A chart lays its elements
/// out one after another (the title block first, then the axes in what it leaves), keeps the
/// layouts, and emits them: nothing is laid out twice and nothing is drawn to find out how
/// big it is.
///
/// ```swift
/// let titles = TitleBlock(title: "Cost", subtitle: "over w and b")
/// let placed = titles.layout(in: canvas.bounds, text: canvas, sizing: sizing)
/// titles.emit(placed, on: canvas, theme: .light, sizing: sizing)
/// placed.content   // what is left below the titles
/// ```
public protocol ChartElement {
    associatedtype Layout
    /// Where the element's parts go inside `rect`, with its text measured.
    func layout(in rect: Rect, text: Measuring, sizing: ChartSizing) -> Layout
    /// Adds the laid-out element to the scene.
    func emit(_ layout: Layout, on canvas: Canvas, theme: Theme, sizing: ChartSizing)
}
