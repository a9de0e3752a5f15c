namespace TorchJit.Tests.Conformance;

/// <summary>
/// An assert_close tolerance: |actual - expected| &lt;= atol + rtol·|expected| + accumulationRtol·magnitude,
/// where magnitude (when the op supplies one) is the sum of the absolute values of the terms a result
/// accumulates — a float32 sum carries rounding errors proportional to its terms, not to its result.
/// </summary>
internal readonly record struct Tolerance(double Rtol, double Atol, double AccumulationRtol = 0)
{
    /// <summary>PyTorch's assert_close defaults for float32.</summary>
    public static readonly Tolerance Default = new(1.3e-6, 1e-5);

    /// <summary>
    /// Ops that accumulate in float32 (sum, mean, matmul, conv, pooling averages, norms' statistics): the
    /// defaults plus 4e-6 of the accumulated magnitude. Blocked or lane-wise float32 accumulation of n terms
    /// is off by up to about (n / lanes + log2 lanes) ulps of Σ|terms|; 4e-6 ≈ 64 ulps covers the lengths
    /// used here (≤ 1024 terms) with room, and is still far below what a wrong element or a missed term gives.
    /// </summary>
    public static readonly Tolerance Accumulating = new(1.3e-6, 1e-5, 4e-6);

    /// <summary>Exact: integer results, indices, copies and views.</summary>
    public static readonly Tolerance Exact = new(0, 0);

    public double Bound(double expected, double magnitude) => Atol + (Rtol * Math.Abs(expected)) + (AccumulationRtol * magnitude);

    public override string ToString() => AccumulationRtol == 0 ? $"rtol {Rtol}, atol {Atol}" : $"rtol {Rtol}, atol {Atol}, + {AccumulationRtol}·Σ|terms|";
}
