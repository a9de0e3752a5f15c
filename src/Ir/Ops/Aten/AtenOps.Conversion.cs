using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Tensor to number conversions: <c>bool(t)</c>, <c>float(t)</c>, <c>int(t)</c>.</summary>
public static partial class AtenOps
{
    /// <summary>The truth value of a one-element tensor.</summary>
    [Schema("aten::Bool.Tensor(Tensor a) -> bool")]
    public static bool Bool(Tensor a)
    {
        if (a.NumElements != 1)
            throw new InvalidOperationException($"aten::Bool: Boolean value of Tensor with more than one value is ambiguous (got {a.Describe()})");
        return a.DType switch
        {
            DType.Bool => a.BoolSpan[0],
            DType.Int64 => a.Int64Span[0] != 0,
            _ => a.Float32Span[0] != 0,
        };
    }

    /// <summary>The value of a one-element tensor as a float.</summary>
    [Schema("aten::Float.Tensor(Tensor a) -> float")]
    public static double Float(Tensor a) => a.ItemValue().ToDouble();

    /// <summary>The value of a one-element tensor as an int (truncated).</summary>
    [Schema("aten::Int.Tensor(Tensor a) -> int")]
    public static long Int(Tensor a) => a.ItemValue().ToInt64();

    /// <summary>The value of a one-element tensor as a number of its dtype's kind.</summary>
    [Schema("aten::item(Tensor self) -> Scalar")]
    public static Scalar item(Tensor self) => self.ItemValue();

    internal static JitType Bool_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => BoolType.Instance;

    internal static JitType Float_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => FloatType.Instance;

    internal static JitType Int_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => IntType.Instance;
}
