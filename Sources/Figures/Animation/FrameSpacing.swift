/// How an animation's frames are spread over the training steps.
public enum FrameSpacing: String, CaseIterable, Sendable {
    /// The same number of steps between frames.
    case even
    /// Geometrically spaced steps, so the fast start of training gets most of the frames.
    case log

    /// The steps to draw, ascending, without repeats (so possibly fewer than `frames`): always
    /// step 0 and the last step.
    ///
    /// ```swift
    /// FrameSpacing.even.steps(total: 100, frames: 5)   // [0, 25, 50, 75, 100]
    /// FrameSpacing.log.steps(total: 1000, frames: 5)   // [0, 1, 10, 100, 1000]
    /// ```
    public func steps(total: Int, frames: Int) -> [Int] {
        guard frames > 1, total > 0 else { return [total] }
        var steps: [Int]
        switch self {
        case .even:
            steps = (0..<frames).map { i in Int((Double(i) * Double(total) / Double(frames - 1)).rounded()) }
        case .log:
            let spread = frames - 2
            steps = [0] + (0...max(spread, 0)).map { i -> Int in
                guard spread > 0 else { return total }
                let exponent: Double = Double(i) / Double(spread)
                return Int(Foundation.pow(Double(total), exponent).rounded())
            }
        }
        var unique: [Int] = []
        for step in steps where unique.last != step { unique.append(min(max(step, 0), total)) }
        return unique
    }
}

import Foundation
