namespace TorchJit.Kernels.Tests;

/// <summary>Calls the public driver for accelerated widths and the internal one for emulated widths (see <see cref="TestWidths"/>).</summary>
internal static class Drive
{
    public static void Unary<TOp>(ReadOnlySpan<float> x, Span<float> d, VectorWidth w)
        where TOp : IUnaryOperator
    {
        if (TestWidths.IsEmulated(w)) { Elementwise.UnaryAt<TOp>(x, d, w); } else { Elementwise.Unary<TOp>(x, d, w); }
    }

    public static void Binary<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d, VectorWidth w)
        where TOp : IBinaryOperator
    {
        if (TestWidths.IsEmulated(w)) { Elementwise.BinaryAt<TOp>(x, y, d, w); } else { Elementwise.Binary<TOp>(x, y, d, w); }
    }

    public static void Binary<TOp>(ReadOnlySpan<float> x, float y, Span<float> d, VectorWidth w)
        where TOp : IBinaryOperator
    {
        if (TestWidths.IsEmulated(w)) { Elementwise.BinaryAt<TOp>(x, y, d, w); } else { Elementwise.Binary<TOp>(x, y, d, w); }
    }

    public static void Binary<TOp>(float x, ReadOnlySpan<float> y, Span<float> d, VectorWidth w)
        where TOp : IBinaryOperator
    {
        if (TestWidths.IsEmulated(w)) { Elementwise.BinaryAt<TOp>(x, y, d, w); } else { Elementwise.Binary<TOp>(x, y, d, w); }
    }

    public static void Compare<TOp>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<bool> d, VectorWidth w)
        where TOp : ICompareOperator
    {
        if (TestWidths.IsEmulated(w)) { Elementwise.CompareAt<TOp>(x, y, d, w); } else { Elementwise.Compare<TOp>(x, y, d, w); }
    }

    public static void Compare<TOp>(ReadOnlySpan<float> x, float y, Span<bool> d, VectorWidth w)
        where TOp : ICompareOperator
    {
        if (TestWidths.IsEmulated(w)) { Elementwise.CompareAt<TOp>(x, y, d, w); } else { Elementwise.Compare<TOp>(x, y, d, w); }
    }

    public static void Compare<TOp>(float x, ReadOnlySpan<float> y, Span<bool> d, VectorWidth w)
        where TOp : ICompareOperator
    {
        if (TestWidths.IsEmulated(w)) { Elementwise.CompareAt<TOp>(x, y, d, w); } else { Elementwise.Compare<TOp>(x, y, d, w); }
    }

    public static float Sum(ReadOnlySpan<float> x, VectorWidth w) =>
        TestWidths.IsEmulated(w) ? Reductions.SumAt(x, w) : Reductions.Sum(x, w);

    public static void Linear(ReadOnlySpan<float> x, ReadOnlySpan<float> wt, ReadOnlySpan<float> b, Span<float> d, int m, int k, int n, VectorWidth w)
    {
        if (TestWidths.IsEmulated(w)) { Gemm.LinearAt(x, wt, b, d, m, k, n, w); } else { Gemm.Linear(x, wt, b, d, m, k, n, w); }
    }

    public static void MatMul(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, VectorWidth w)
    {
        if (TestWidths.IsEmulated(w)) { Gemm.MatMulAt(a, b, c, m, k, n, w); } else { Gemm.MatMul(a, b, c, m, k, n, w); }
    }

    public static void BroadcastBinary<TOp>(float[] x, int[] xs, float[] y, int[] ys, Span<float> d, int[] os, VectorWidth w)
        where TOp : IBinaryOperator
    {
        if (TestWidths.IsEmulated(w)) { Broadcasting.Walk<BinaryRuns<TOp>, float>(x, xs, y, ys, d, os, w); }
        else { Broadcasting.Binary<TOp>(x, xs, y, ys, d, os, w); }
    }

    public static void BroadcastCompare<TOp>(float[] x, int[] xs, float[] y, int[] ys, Span<bool> d, int[] os, VectorWidth w)
        where TOp : ICompareOperator
    {
        if (TestWidths.IsEmulated(w)) { Broadcasting.Walk<CompareRuns<TOp>, bool>(x, xs, y, ys, d, os, w); }
        else { Broadcasting.Compare<TOp>(x, xs, y, ys, d, os, w); }
    }
}
