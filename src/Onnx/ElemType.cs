using TorchJit.Kernels;

namespace TorchJit.Onnx;

/// <summary>
/// The ONNX element types the exporter writes (<c>TensorProto.DataType</c> numbers). TorchScript's numbers
/// become 0-d tensors: <c>int</c> an <see cref="Int64"/>, <c>float</c> (a double) a <see cref="Double"/>,
/// <c>bool</c> a <see cref="Bool"/>.
/// </summary>
internal enum ElemType
{
    Float = 1,
    Int64 = 7,
    Bool = 9,
    Double = 11,
}

internal static class ElemTypes
{
    public static ElemType Of(DType dtype) => dtype switch
    {
        DType.Float32 => ElemType.Float,
        DType.Int64 => ElemType.Int64,
        DType.Bool => ElemType.Bool,
        _ => throw new NotSupportedException($"ONNX export: dtype {dtype}"),
    };

    public static bool IsFloating(ElemType t) => t is ElemType.Float or ElemType.Double;

    // The category order of PyTorch's promotion: bool < integral < floating.
    public static int Category(ElemType t) => t switch
    {
        ElemType.Bool => 0,
        ElemType.Int64 => 1,
        _ => 2,
    };
}
