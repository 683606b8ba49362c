/// Which neurons of a layer are drawn: all of them, or the first and last few around a "⋮"
/// standing for the rest, so a 784-neuron input layer takes a dozen places.
///
/// - Parameters:
///   - count: neurons in the layer.
///   - limit: places at most (the ellipsis takes one); at least 3.
///
/// ```swift
/// LayerSlots(count: 784, limit: 12).slots   // neurons 0…5, ⋮ (773 more), 779…783 (0-based)
/// LayerSlots(count: 3, limit: 12).slots     // neurons 0, 1, 2
/// ```
struct LayerSlots: Hashable, Sendable {
    enum Slot: Hashable, Sendable {
        /// A drawn neuron, 0-based.
        case neuron(Int)
        /// The elided neurons, how many.
        case ellipsis(hidden: Int)
    }

    let slots: [Slot]

    init(count: Int, limit: Int) {
        let places = max(limit, 3)
        guard count > places else {
            slots = (0..<count).map { .neuron($0) }
            return
        }
        // The first neurons get the extra place when the split is uneven: readers look there first.
        let shown = places - 1
        let head = (shown + 1) / 2
        let tail = shown - head
        let hidden = count - shown
        slots = (0..<head).map { .neuron($0) } + [.ellipsis(hidden: hidden)] + ((count - tail)..<count).map { .neuron($0) }
    }

    /// The 0-based indices of the drawn neurons.
    var shownNeurons: [Int] {
        slots.compactMap { if case .neuron(let i) = $0 { return i } else { return nil } }
    }

    var isElided: Bool { slots.contains { if case .ellipsis = $0 { return true } else { return false } } }
}
