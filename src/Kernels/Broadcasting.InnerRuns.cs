namespace TorchJit.Kernels;

/// <summary>
/// The three kinds of inner run of Note [Broadcast walk], so one walker serves float and bool outputs.
/// Implementations forward to the <see cref="Elementwise"/> drivers at an already resolved width.
/// </summary>
internal interface IInnerRuns<TOut>
{
    static abstract void SpanSpan(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<TOut> dest, VectorWidth resolved);

    static abstract void SpanScalar(ReadOnlySpan<float> x, float y, Span<TOut> dest, VectorWidth resolved);

    static abstract void ScalarSpan(float x, ReadOnlySpan<float> y, Span<TOut> dest, VectorWidth resolved);

    /// <summary>One element, for runs too short to be worth a driver call.</summary>
    static abstract TOut Invoke(float x, float y);
}

internal readonly struct BinaryRuns<TOp> : IInnerRuns<float>
    where TOp : IBinaryOperator
{
    public static void SpanSpan(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dest, VectorWidth resolved) =>
        Elementwise.BinaryAt<TOp>(x, y, dest, resolved);

    public static void SpanScalar(ReadOnlySpan<float> x, float y, Span<float> dest, VectorWidth resolved) =>
        Elementwise.BinaryAt<TOp>(x, y, dest, resolved);

    public static void ScalarSpan(float x, ReadOnlySpan<float> y, Span<float> dest, VectorWidth resolved) =>
        Elementwise.BinaryAt<TOp>(x, y, dest, resolved);

    public static float Invoke(float x, float y) => TOp.Invoke(x, y);
}

internal readonly struct CompareRuns<TOp> : IInnerRuns<bool>
    where TOp : ICompareOperator
{
    public static void SpanSpan(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<bool> dest, VectorWidth resolved) =>
        Elementwise.CompareAt<TOp>(x, y, dest, resolved);

    public static void SpanScalar(ReadOnlySpan<float> x, float y, Span<bool> dest, VectorWidth resolved) =>
        Elementwise.CompareAt<TOp>(x, y, dest, resolved);

    public static void ScalarSpan(float x, ReadOnlySpan<float> y, Span<bool> dest, VectorWidth resolved) =>
        Elementwise.CompareAt<TOp>(x, y, dest, resolved);

    public static bool Invoke(float x, float y) => TOp.Invoke(x, y);
}
