using System.Globalization;
using System.Text;
using TorchJit.Kernels;

namespace TorchJit.Frontend;

/// <summary>
/// <c>torch.testing.assert_close</c>'s test and message, for the trace checker: elements compared as
/// doubles, close when <c>|a - b| &lt;= atol + rtol * |b|</c>, NaN equal to NaN.
/// </summary>
public static class TensorCloseness
{
    /// <summary>The default absolute tolerance of a dtype, as <c>assert_close</c> has it (float32: 1e-5; integers and bool: exact).</summary>
    public static double DefaultAbsoluteTolerance(DType dtype) => dtype == DType.Float32 ? 1e-5 : 0;

    /// <summary>Null when <paramref name="actual"/> is close to <paramref name="expected"/>, else assert_close's explanation.</summary>
    public static string? Compare(Tensor actual, Tensor expected, double rtol, double atol)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        if (!actual.Shape.SequenceEqual(expected.Shape))
            return $"The values for attribute 'shape' do not match: {Size(actual)} != {Size(expected)}.";
        var a = actual.ReadDoubles();
        var b = expected.ReadDoubles();
        int mismatched = 0, worstAbs = -1, worstRel = -1;
        double maxAbs = 0, maxRel = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(a[i]) && double.IsNaN(b[i])) continue;
            double diff = Math.Abs(a[i] - b[i]);
            if (a[i] == b[i]) diff = 0; // equal infinities
            double rel = diff == 0 ? 0 : diff / Math.Abs(b[i]);
            if (!(diff <= atol + (rtol * Math.Abs(b[i])))) mismatched++;
            if (worstAbs < 0 || diff > maxAbs || double.IsNaN(diff))
            {
                maxAbs = diff;
                worstAbs = i;
            }

            if (worstRel < 0 || rel > maxRel || double.IsNaN(rel))
            {
                maxRel = rel;
                worstRel = i;
            }
        }

        if (mismatched == 0) return null;
        var sb = new StringBuilder("Tensor-likes are not close!\n\n");
        double percent = 100.0 * mismatched / a.Length;
        sb.Append(CultureInfo.InvariantCulture, $"Mismatched elements: {mismatched} / {a.Length} ({percent:0.0}%)\n");
        sb.Append(CultureInfo.InvariantCulture, $"Greatest absolute difference: {Number(maxAbs)} at index {Index(actual, worstAbs)} (up to {Number(atol)} allowed)\n");
        sb.Append(CultureInfo.InvariantCulture, $"Greatest relative difference: {Number(maxRel)} at index {Index(actual, worstRel)} (up to {Number(rtol)} allowed)");
        return sb.ToString();
    }

    private static double[] ReadDoubles(this Tensor t) => t.DType switch
    {
        DType.Float32 => Array.ConvertAll(t.contiguous().Float32Span.ToArray(), v => (double)v),
        DType.Int64 => Array.ConvertAll(t.contiguous().Int64Span.ToArray(), v => (double)v),
        _ => Array.ConvertAll(t.contiguous().BoolSpan.ToArray(), v => v ? 1.0 : 0.0),
    };

    private static string Size(Tensor t) => "torch.Size([" + string.Join(", ", t.Shape.ToArray()) + "])";

    private static string Number(double d) => PythonLiterals.Float(d).EndsWith('.') ? PythonLiterals.Float(d) + "0" : PythonLiterals.Float(d);

    // The flat index as a tuple of indices, as Python prints it: (0, 1).
    private static string Index(Tensor t, int flat)
    {
        var shape = t.Shape;
        if (shape.Length == 0) return "()";
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }

        return shape.Length == 1 ? $"({index[0]},)" : "(" + string.Join(", ", index) + ")";
    }
}
