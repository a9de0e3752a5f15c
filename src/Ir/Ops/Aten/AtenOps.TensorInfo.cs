using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// Ops for eager API members that scripted code uses without an <c>[Op]</c> of their own: <c>x.DType</c>
/// (<c>prim::dtype</c>, as TorchScript reads <c>x.dtype</c>) and <c>torch.zeros(size)</c>.
/// </summary>
public static partial class AtenOps
{
    /// <summary>The dtype of a tensor as TorchScript's ScalarType number (Float 6, Long 4, Bool 11).</summary>
    [Schema("prim::dtype(Tensor a) -> int", OpTraits.Pure | OpTraits.MetadataOnly)]
    public static long dtype_of(Tensor a) => ScalarTypes.Code(a.DType);

    /// <summary>A tensor of zeros (float32 unless <paramref name="dtype"/>, a ScalarType number, says otherwise).</summary>
    [Schema("aten::zeros(int[] size, *, ScalarType? dtype=None) -> Tensor")]
    public static Tensor zeros_of(long[] size, long? dtype)
    {
        var shape = new int[size.Length];
        for (int i = 0; i < size.Length; i++) shape[i] = Dims.ToSize(size[i], "aten::zeros", "size");
        return Tensor.Empty(dtype is { } code ? ScalarTypes.FromCode(code) : DType.Float32, shape);
    }

    // Zeros written over out: the sizes checked as zeros_of checks them, out against them.
    internal static void zeros_of_out(long[] size, long? dtype, Tensor @out)
    {
        Span<int> shape = size.Length <= 16 ? stackalloc int[16] : new int[size.Length];
        shape = shape[..size.Length];
        for (int i = 0; i < size.Length; i++) shape[i] = Dims.ToSize(size[i], "aten::zeros", "size");
        var type = dtype is { } code ? ScalarTypes.FromCode(code) : DType.Float32;
        @out.RequireOut("aten::zeros", type, shape);
        switch (type)
        {
            case DType.Float32: @out.Float32Span.Clear(); break;
            case DType.Int64: @out.Int64Span.Clear(); break;
            default: @out.BoolSpan.Clear(); break;
        }
    }
}

/// <summary>TorchScript's ScalarType numbers (c10/core/ScalarType.h) of the dtypes this library has.</summary>
public static class ScalarTypes
{
    /// <summary>The ScalarType number of <paramref name="dtype"/>.</summary>
    public static long Code(DType dtype) => dtype switch
    {
        DType.Float32 => 6,
        DType.Int64 => 4,
        DType.Bool => 11,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>The dtype of ScalarType number <paramref name="code"/>.</summary>
    public static DType FromCode(long code) => code switch
    {
        6 => DType.Float32,
        4 => DType.Int64,
        11 => DType.Bool,
        _ => throw new NotSupportedException($"ScalarType {code} is not supported (only Float, Long and Bool)"),
    };
}
