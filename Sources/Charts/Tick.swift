import Drawing

/// A tick on an axis or colour bar: a data value and, for labelled ticks, its label.
///
/// ```swift
/// let ticks = Ticks.linear(in: 0...1, count: 5)
/// ticks.map(\.label.description) // ["0", "0.2", "0.4", "0.6", "0.8", "1"]
/// ```
public struct Tick: Hashable, Sendable {
    public var value: Double
    /// Empty for minor ticks.
    public var label: Label
    public var isMajor: Bool

    public init(value: Double, label: Label, isMajor: Bool = true) {
        self.value = value
        self.label = label
        self.isMajor = isMajor
    }
}
