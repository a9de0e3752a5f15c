using System.Globalization;
using TorchJit.Kernels;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// assert_close with PyTorch's semantics: NaN only where the reference is NaN (equal_nan), infinities equal
/// exactly, finite values within <see cref="Tolerance"/>; the signs of zeros are not compared. The reference
/// is rounded to float32 only where it overflows float32 (1/1e-40 is +inf in float32 as in PyTorch).
/// A failure names the op, the operands, the first bad index, expected, actual and how many elements differ.
/// </summary>
internal static class Close
{
    public static void Check(string op, string context, RefTensor expected, Tensor actual, Tolerance? tolerance = null, RefTensor? magnitude = null, DType dtype = DType.Float32)
    {
        var tol = tolerance ?? Tolerance.Default;
        if (actual.DType != dtype)
            Assert.Fail($"{op} ({context}): result dtype {DTypes.TorchName(actual.DType)}, expected {DTypes.TorchName(dtype)}");
        if (!actual.Shape.SequenceEqual(expected.Shape))
            Assert.Fail($"{op} ({context}): result shape {RefTensor.Format(actual.Shape)}, expected {RefTensor.Format(expected.Shape)}");

        var values = Read.Values(actual);
        int bad = 0, first = -1;
        for (int i = 0; i < values.Length; i++)
        {
            if (!IsClose(expected.Data[i], values[i], tol, magnitude?.Data[i] ?? 0, dtype))
            {
                if (bad++ == 0) first = i;
            }
        }

        if (bad == 0) return;
        double e = expected.Data[first], a = values[first];
        double bound = tol.Bound(e, magnitude?.Data[first] ?? 0);
        var index = RefTensor.Unflat(expected.Shape, first);
        string how = double.IsFinite(e) && double.IsFinite(a)
            ? string.Create(CultureInfo.InvariantCulture, $", |diff| {Math.Abs(a - e):G4} > {bound:G4} ({tol})")
            : double.IsFinite(e) ? "" : " (NaN and infinities must match exactly)";
        Assert.Fail(string.Create(CultureInfo.InvariantCulture,
            $"{op} ({context}): {bad} of {values.Length} elements differ; first at {RefTensor.Format(index)}: expected {e:R}, actual {a:R}{how}"));
    }

    /// <summary>Exact equality for int64 and bool results.</summary>
    public static void Equal(string op, string context, RefTensor expected, Tensor actual, DType dtype) =>
        Check(op, context, expected, actual, Tolerance.Exact, null, dtype);

    public static bool IsClose(double expected, double actual, Tolerance tol, double magnitude, DType dtype = DType.Float32)
    {
        if (dtype == DType.Float32 && !double.IsInfinity(expected) && float.IsInfinity((float)expected)) expected = (float)expected;
        if (double.IsNaN(expected)) return double.IsNaN(actual);
        if (double.IsInfinity(expected)) return actual == expected;
        return !double.IsNaN(actual) && Math.Abs(actual - expected) <= tol.Bound(expected, magnitude);
    }
}
