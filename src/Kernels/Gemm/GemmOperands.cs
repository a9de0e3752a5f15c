namespace TorchJit.Kernels;

/// <summary>One product C = op(A) @ packed B for the drivers, with everything already validated.</summary>
internal readonly ref struct GemmOperands
{
    public readonly ref float A;
    public readonly ref float B;
    public readonly ref float C;
    public readonly ref float Bias;
    public readonly nint Lda;
    public readonly nint Ldc;
    public readonly GemmPackedLayout Layout;
    public readonly GemmBlocking Blocking;
    public readonly int M;
    public readonly float Alpha;
    public readonly bool TransA;

    /// <summary>Chains start from C (beta != 0, C already scaled by beta) instead of +0.</summary>
    public readonly bool AccumulateC;
    public readonly bool HasBias;
    public readonly bool Relu;

    public GemmOperands(
        ref float a, nint lda, bool transA, float alpha, int m,
        ref float packedB, GemmPackedLayout layout, GemmBlocking blocking,
        ref float c, nint ldc, bool accumulateC,
        ref float bias, bool hasBias, bool relu)
    {
        A = ref a;
        Lda = lda;
        TransA = transA;
        Alpha = alpha;
        M = m;
        B = ref packedB;
        Layout = layout;
        Blocking = blocking;
        C = ref c;
        Ldc = ldc;
        AccumulateC = accumulateC;
        Bias = ref bias;
        HasBias = hasBias;
        Relu = relu;
    }
}
