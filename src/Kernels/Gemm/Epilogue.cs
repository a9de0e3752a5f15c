namespace TorchJit.Kernels;

/// <summary>An elementwise step fused into the store of a packed <see cref="Gemm.Sgemm(bool, int, ReadOnlySpan{float}, int, PackedMatrix, ReadOnlySpan{float}, Span{float}, int, Epilogue)"/>.</summary>
public enum Epilogue
{
    /// <summary>Store the product (plus bias) as is.</summary>
    None,

    /// <summary>
    /// PyTorch's <c>relu</c> after the bias: x &lt; 0 becomes +0, everything else (NaN, -0) is kept, exactly as
    /// <see cref="ReluOperator"/>.
    /// </summary>
    Relu,
}
