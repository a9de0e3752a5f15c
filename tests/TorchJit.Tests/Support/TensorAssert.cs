namespace TorchJit.Tests;

/// <summary>PyTorch's <c>assert_close</c> for float tensors: same shape, NaN where NaN, |a - e| &lt;= atol + rtol * |e|.</summary>
public static class TensorAssert
{
    /// <summary>fp32 defaults of <c>torch.testing.assert_close</c>.</summary>
    public const double DefaultRtol = 1.3e-6, DefaultAtol = 1e-5;

    /// <summary>Fails naming the first element out of tolerance, with its index, both values and the tolerance.</summary>
    public static void Close(Tensor expected, Tensor actual, double rtol = DefaultRtol, double atol = DefaultAtol, string what = "")
    {
        Assert.True(expected.Shape.SequenceEqual(actual.Shape), $"{what}: shape {actual.Describe()}, expected {expected.Describe()}");
        float[] e = expected.ToArray(), a = actual.ToArray();
        for (int i = 0; i < e.Length; i++)
        {
            if (float.IsNaN(e[i]) && float.IsNaN(a[i])) continue;
            if (e[i] == a[i]) continue; // equal infinities
            double diff = Math.Abs((double)a[i] - e[i]);
            Assert.True(diff <= atol + rtol * Math.Abs(e[i]),
                $"{what}: element {i} is {a[i]:R}, expected {e[i]:R} (difference {diff:G3} > atol {atol} + rtol {rtol} * |expected|)");
        }
    }
}
