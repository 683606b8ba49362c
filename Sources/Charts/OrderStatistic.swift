/// The k-th smallest of many values without sorting them all (quickselect, expected linear).
///
/// A cost surface's automatic log scale needs one percentile of a million values; sorting
/// them took longer than drawing the heatmap.
///
/// ```swift
/// OrderStatistic.kthSmallest(of: [5, 1, 4, 2, 3], k: 1)   // 2 (0-based k)
/// ```
public enum OrderStatistic {
    /// The value that would be at index `k` (0-based) of `values.sorted()`.
    ///
    /// - Parameters:
    ///   - values: at least `k + 1` values, none NaN.
    ///   - k: the 0-based rank.
    public static func kthSmallest(of values: [Double], k: Int) -> Double {
        precondition(k >= 0 && k < values.count, "OrderStatistic: rank \(k) of \(values.count) values")
        var a = values
        var low = 0
        var high = a.count - 1
        // The median of three as pivot keeps sorted and reversed inputs linear.
        while low < high {
            let mid = low + (high - low) / 2
            if a[mid] < a[low] { a.swapAt(mid, low) }
            if a[high] < a[low] { a.swapAt(high, low) }
            if a[high] < a[mid] { a.swapAt(high, mid) }
            let pivot = a[mid]
            var i = low
            var j = high
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return a[k]
            }
        }
        return a[k]
    }
}
