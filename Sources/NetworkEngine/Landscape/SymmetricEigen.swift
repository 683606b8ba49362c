import Foundation

/// The eigenvalues and eigenvectors of a small symmetric matrix, by cyclic Jacobi rotations
/// (Golub & Van Loan, "Matrix Computations", §8.5): what the PCA of a training run needs from
/// its Gram matrix, a hundred rows or so, with no linear-algebra library.
///
/// Each rotation zeroes one off-diagonal entry; sweeps over every pair repeat until what is
/// left off the diagonal is below 1e-17 of the matrix's size, which takes a handful of sweeps
/// (Jacobi converges quadratically). The eigenvalues are accurate to about 1e-16 of the
/// largest, and so are the eigenvectors of well-separated eigenvalues.
///
/// ```swift
/// let (values, vectors) = SymmetricEigen.decompose([2, 1, 1, 2], size: 2)
/// values    // [3, 1]
/// vectors   // [[0.7071…, 0.7071…], [-0.7071…, 0.7071…]] (each row an eigenvector)
/// ```
public enum SymmetricEigen {
    /// - Parameters:
    ///   - matrix: `size × size`, row by row; only its symmetric part is meaningful.
    /// - Returns: the eigenvalues, largest first, and the unit eigenvectors in the same order
    ///   (each an array of `size` entries).
    public static func decompose(_ matrix: [Double], size m: Int) -> (values: [Double], vectors: [[Double]]) {
        precondition(matrix.count == m * m, "SymmetricEigen: \(matrix.count) entries for \(m)×\(m)")
        var a = matrix
        // v's columns become the eigenvectors.
        var v = [Double](repeating: 0, count: m * m)
        for i in 0..<m { v[i * m + i] = 1 }
        var scale = 0.0
        for x in a { scale += x * x }
        let tolerance: Double = 1e-34 * scale
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<m { for q in (p + 1)..<max(p + 1, m) { off += a[p * m + q] * a[p * m + q] } }
            guard off > tolerance else { break }
            for p in 0..<m {
                for q in (p + 1)..<max(p + 1, m) where a[p * m + q] != 0 {
                    rotate(&a, &v, m, p, q)
                }
            }
        }
        let order = (0..<m).sorted { a[$0 * m + $0] > a[$1 * m + $1] }
        let values = order.map { a[$0 * m + $0] }
        let vectors = order.map { column in (0..<m).map { v[$0 * m + column] } }
        return (values, vectors)
    }

    /// One rotation J in the (p, q) plane that zeroes a_pq: A ← JᵀAJ, V ← VJ.
    private static func rotate(_ a: inout [Double], _ v: inout [Double], _ m: Int, _ p: Int, _ q: Int) {
        let apq = a[p * m + q]
        let theta: Double = (a[q * m + q] - a[p * m + p]) / (2 * apq)
        // The smaller of the two angles that zero a_pq: |t| ≤ 1 (1/(2θ) where θ² would overflow).
        let t: Double
        if abs(theta) > 1e150 {
            t = 1 / (2 * theta)
        } else {
            let root: Double = (theta * theta + 1).squareRoot()
            t = (theta < 0 ? -1 : 1) / (abs(theta) + root)
        }
        let c: Double = 1 / (t * t + 1).squareRoot()
        let s: Double = t * c
        for k in 0..<m {
            let akp = a[k * m + p], akq = a[k * m + q]
            a[k * m + p] = c * akp - s * akq
            a[k * m + q] = s * akp + c * akq
        }
        for k in 0..<m {
            let apk = a[p * m + k], aqk = a[q * m + k]
            a[p * m + k] = c * apk - s * aqk
            a[q * m + k] = s * apk + c * aqk
        }
        for k in 0..<m {
            let vkp = v[k * m + p], vkq = v[k * m + q]
            v[k * m + p] = c * vkp - s * vkq
            v[k * m + q] = s * vkp + c * vkq
        }
        // What the rotation is for, exactly rather than to the last bits.
        a[p * m + q] = 0
        a[q * m + p] = 0
    }
}
